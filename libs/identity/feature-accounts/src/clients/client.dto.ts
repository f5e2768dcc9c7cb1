import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const SCOPE = /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)*$/;

/** RFC 6749 §4.4 client credentials grant (client_secret_post), as a JSON body (no form parser is registered). */
export class ClientCredentialsDto {
  @ApiProperty({ enum: ['client_credentials'] })
  @IsIn(['client_credentials'], { message: 'grant_type must be client_credentials' })
  grant_type!: 'client_credentials';

  @ApiPropertyOptional({ description: 'In the body, or with client_secret in HTTP Basic authentication (RFC 6749 2.3.1)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'Space-separated subset of the client’s scopes; all of them when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  scope?: string;
}

export class CreateServiceClientDto {
  @ApiProperty({ example: 'market-regulation-licensing-system' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{2,62}$/, { message: 'clientId must be 3-63 lower-case letters, digits and dashes' })
  clientId!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '350123-market-regulation' })
  @IsString()
  @MaxLength(100)
  organisationId!: string;

  @ApiProperty({ example: ['workflow:decisions'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(SCOPE, { each: true, message: 'each scope must look like service:action' })
  scopes!: string[];
}

export class ServiceClientCreatedResponse {
  @ApiProperty()
  clientId!: string;

  @ApiProperty({ description: 'Shown once; only its hash is stored' })
  clientSecret!: string;

  @ApiProperty({ type: [String] })
  scopes!: string[];
}

export class ClientTokenResponse {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty()
  expires_in!: number;

  @ApiProperty()
  scope!: string;
}
