import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export const IDENTITY_DOCUMENTS = ['resident_identity_card', 'temporary_identity_card', 'household_register'] as const;

export class InPersonVerificationDto {
  @ApiProperty({ enum: IDENTITY_DOCUMENTS, description: 'The original document the clerk examined' })
  @IsIn(IDENTITY_DOCUMENTS)
  document!: (typeof IDENTITY_DOCUMENTS)[number];

  @ApiProperty({ example: '350123-admin-service-centre-window-social-affairs', description: 'Where the check took place' })
  @IsString()
  @MaxLength(100)
  servicePointId!: string;
}

export class AssuranceResponse {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ enum: ['L1', 'L2', 'L3'] })
  assuranceLevel!: string;
}
