import { Body, Controller, Delete, Header, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public } from '@onewindow/platform/auth';
import { ClientAddress } from '../support/client-address';
import { LoginDto, RefreshDto, TokenResponse } from './session.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  login(@Body() dto: LoginDto, @ClientAddress() address: string): Promise<TokenResponse> {
    return this.sessions.login(dto, address);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  refresh(@Body() dto: RefreshDto, @ClientAddress() address: string): Promise<TokenResponse> {
    return this.sessions.refresh(dto.refreshToken, address);
  }

  @Delete('current')
  @HttpCode(204)
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.sessions.logout(principal);
  }
}
