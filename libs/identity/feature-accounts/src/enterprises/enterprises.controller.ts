import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { AccountResponse } from '../accounts/account.response';
import { TokenResponse } from '../sessions/session.dto';
import { ActForEnterpriseDto, AgentAuthorisationResponse, GrantAgentDto, RegisterEnterpriseDto } from './enterprise.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('enterprises')
@Controller()
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Roles(Role.Citizen)
  @Post('enterprises')
  register(@CurrentPrincipal() principal: Principal, @Body() dto: RegisterEnterpriseDto): Promise<AccountResponse> {
    return this.enterprises.register(principal, dto);
  }

  @Roles(Role.Citizen)
  @Get('accounts/me/enterprises')
  mine(@CurrentPrincipal() principal: Principal): Promise<AgentAuthorisationResponse[]> {
    return this.enterprises.mine(principal);
  }

  @Roles(Role.Citizen)
  @Post('sessions/current/enterprise')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  actFor(@CurrentPrincipal() principal: Principal, @Body() dto: ActForEnterpriseDto): Promise<TokenResponse> {
    return this.enterprises.actFor(principal, dto.enterpriseId);
  }

  @Roles(Role.EnterpriseAgent)
  @Post('enterprises/:enterpriseId/agents')
  grant(
    @CurrentPrincipal() principal: Principal,
    @Param('enterpriseId', new ParseUUIDPipe()) enterpriseId: string,
    @Body() dto: GrantAgentDto,
  ): Promise<AgentAuthorisationResponse> {
    return this.enterprises.grant(principal, enterpriseId, dto);
  }

  @Roles(Role.EnterpriseAgent)
  @Get('enterprises/:enterpriseId/agents')
  list(@CurrentPrincipal() principal: Principal, @Param('enterpriseId', new ParseUUIDPipe()) enterpriseId: string): Promise<AgentAuthorisationResponse[]> {
    return this.enterprises.list(principal, enterpriseId);
  }

  @Roles(Role.EnterpriseAgent)
  @Delete('enterprises/:enterpriseId/agents/:authorisationId')
  @HttpCode(204)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('enterpriseId', new ParseUUIDPipe()) enterpriseId: string,
    @Param('authorisationId', new ParseUUIDPipe()) authorisationId: string,
  ): Promise<void> {
    return this.enterprises.revoke(principal, enterpriseId, authorisationId);
  }
}
