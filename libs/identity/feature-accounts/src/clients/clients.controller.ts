import { Body, Controller, Header, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, Role, Roles } from '@onewindow/platform/auth';
import { ClientAddress } from '../support/client-address';
import { SigningKeyService } from '../tokens/signing-key.service';
import { ClientCredentialsDto, ClientTokenResponse, CreateServiceClientDto, ServiceClientCreatedResponse } from './client.dto';
import { ClientsService } from './clients.service';

@ApiTags('clients')
@Controller()
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly keys: SigningKeyService,
  ) {}

  @Public()
  @Post('oauth/token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  token(
    @Body() dto: ClientCredentialsDto,
    @ClientAddress() address: string,
    @Headers('authorization') authorization?: string,
  ): Promise<ClientTokenResponse> {
    return this.clients.token(dto, address, authorization);
  }

  @Roles(Role.PlatformAdmin)
  @Post('service-clients')
  @Header('cache-control', 'no-store')
  create(@Body() dto: CreateServiceClientDto): Promise<ServiceClientCreatedResponse> {
    return this.clients.create(dto);
  }

  @Roles(Role.PlatformAdmin)
  @Post('signing-keys/rotation')
  @HttpCode(200)
  async rotate(): Promise<{ kid: string }> {
    return { kid: await this.keys.rotate() };
  }
}
