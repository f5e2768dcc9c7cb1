import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { AssuranceResponse, InPersonVerificationDto } from './verification.dto';
import { VerificationService } from './verification.service';

@ApiTags('verification')
@Controller('accounts')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Roles(Role.Citizen)
  @Post('me/register-verification')
  @HttpCode(200)
  verifyAgainstRegister(@CurrentPrincipal() principal: Principal): Promise<AssuranceResponse> {
    return this.verification.verifyAgainstRegister(principal);
  }

  @Roles(Role.WindowClerk)
  @Post(':accountId/in-person-verification')
  @HttpCode(200)
  verifyInPerson(
    @CurrentPrincipal() clerk: Principal,
    @Param('accountId', new ParseUUIDPipe()) accountId: string,
    @Body() dto: InPersonVerificationDto,
  ): Promise<AssuranceResponse> {
    return this.verification.verifyInPerson(clerk, accountId, dto);
  }
}
