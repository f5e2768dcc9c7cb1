import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, Role, Roles } from '@onewindow/platform/auth';
import { TokenResponse } from '../sessions/session.dto';
import { ClientAddress } from '../support/client-address';
import { AddTrustAnchorDto, CertificateLoginDto, ChallengeResponse, TrustAnchorResponse } from './certificate.dto';
import { CertificateLoginService } from './certificate-login.service';
import { TrustAnchorsService } from './trust-anchors.service';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(
    private readonly login: CertificateLoginService,
    private readonly trustAnchors: TrustAnchorsService,
  ) {}

  @Public()
  @Post('sessions/certificate/challenge')
  @Header('cache-control', 'no-store')
  challenge(@ClientAddress() address: string): Promise<ChallengeResponse> {
    return this.login.challenge(address);
  }

  @Public()
  @Post('sessions/certificate/login')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  logIn(@Body() dto: CertificateLoginDto, @ClientAddress() address: string): Promise<TokenResponse> {
    return this.login.login(dto, address);
  }

  @Roles(Role.PlatformAdmin)
  @Get('trust-anchors')
  list(): Promise<TrustAnchorResponse[]> {
    return this.trustAnchors.list();
  }

  @Roles(Role.PlatformAdmin)
  @Post('trust-anchors')
  add(@Body() dto: AddTrustAnchorDto): Promise<TrustAnchorResponse> {
    return this.trustAnchors.add(dto);
  }

  @Roles(Role.PlatformAdmin)
  @Delete('trust-anchors/:id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.trustAnchors.remove(id);
  }
}
