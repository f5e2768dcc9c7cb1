import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChallengeAlgorithm, MAX_INTERMEDIATES, MAX_LABEL_LENGTH, TRUST_ANCHOR_ID_PATTERN } from '@onewindow/identity/certificates';
import { ArrayMaxSize, IsArray, IsBase64, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Far above any real certificate in PEM; refuses junk before parsing. */
const MAX_PEM_LENGTH = 16_384;

export class CertificateLoginDto {
  @ApiProperty({ format: 'uuid', description: 'From POST /sessions/certificate/challenge' })
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ description: 'The holder’s certificate, PEM' })
  @IsString()
  @MaxLength(MAX_PEM_LENGTH)
  certificate!: string;

  @ApiPropertyOptional({ type: [String], description: 'Intermediate CA certificates, PEM, any order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INTERMEDIATES)
  @IsString({ each: true })
  @MaxLength(MAX_PEM_LENGTH, { each: true })
  intermediates?: string[];

  @ApiProperty({ description: 'Signature over the challenge message, base64' })
  @IsString()
  @MaxLength(1600)
  @IsBase64()
  signature!: string;

  @ApiProperty({ enum: Object.values(ChallengeAlgorithm) })
  @IsIn(Object.values(ChallengeAlgorithm))
  algorithm!: ChallengeAlgorithm;

  @ApiPropertyOptional({ enum: ['der', 'p1363'], description: 'ECDSA/SM2 signature encoding; der by default' })
  @IsOptional()
  @IsIn(['der', 'p1363'])
  signatureEncoding?: 'der' | 'p1363';
}

export class ChallengeResponse {
  @ApiProperty({ format: 'uuid' })
  challengeId!: string;

  @ApiProperty({ description: 'The exact UTF-8 text to sign' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class AddTrustAnchorDto {
  @ApiProperty({ example: 'cfca-sm2-root' })
  @IsString()
  @Matches(TRUST_ANCHOR_ID_PATTERN, { message: 'id must be 1-64 lower-case letters, digits and dashes' })
  id!: string;

  @ApiProperty({ example: 'CFCA SM2 root (2012)' })
  @IsString()
  @MaxLength(MAX_LABEL_LENGTH)
  label!: string;

  @ApiProperty({ description: 'Self-signed CA certificate, PEM' })
  @IsString()
  @MaxLength(MAX_PEM_LENGTH)
  certificatePem!: string;
}

export class TrustAnchorResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  fingerprintSha256!: string;

  @ApiProperty()
  keyAlgorithm!: string;

  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time' })
  notAfter!: string;
}
