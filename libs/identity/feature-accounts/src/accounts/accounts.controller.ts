import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Role, Roles } from '@onewindow/platform/auth';
import { ChangeNameDto, ChangePasswordDto, ChangePhoneDto, DeregisterDto, RegisterPersonDto } from './account.dto';
import { AccountResponse } from './account.response';
import { AccountsService } from './accounts.service';
import { ClientAddress } from '../support/client-address';
import { LoginThrottle } from '../support/login-throttle';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post()
  async register(@Body() dto: RegisterPersonDto, @ClientAddress() address: string): Promise<AccountResponse> {
    await this.throttle.hitAddress(address);
    return this.accounts.registerPerson(dto);
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Promise<AccountResponse> {
    return this.accounts.me(principal);
  }

  @Roles(Role.Citizen)
  @Patch('me/phone')
  changePhone(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePhoneDto): Promise<AccountResponse> {
    return this.accounts.changePhone(principal, dto);
  }

  @Roles(Role.Citizen)
  @Patch('me/name')
  changeName(@CurrentPrincipal() principal: Principal, @Body() dto: ChangeNameDto): Promise<AccountResponse> {
    return this.accounts.changeName(principal, dto);
  }

  @Put('me/password')
  @HttpCode(204)
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.accounts.changePassword(principal, dto);
  }

  @Roles(Role.Citizen)
  @Post('me/deregistration')
  @HttpCode(204)
  deregister(@CurrentPrincipal() principal: Principal, @Body() dto: DeregisterDto): Promise<void> {
    return this.accounts.deregister(principal, dto);
  }
}
