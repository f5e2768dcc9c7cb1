import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** An account as any caller sees it: personal data masked. */
export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['person', 'enterprise', 'staff'] })
  kind!: string;

  @ApiProperty({ enum: ['active', 'deregistered', 'erased'] })
  status!: string;

  @ApiPropertyOptional({ example: '350123********1234', description: 'Masked citizen ID number, or the credit code' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '林*明' })
  name?: string;

  @ApiPropertyOptional({ example: '138****8000' })
  phone?: string;

  @ApiProperty({ enum: ['L1', 'L2', 'L3'] })
  assuranceLevel!: string;

  @ApiPropertyOptional()
  organisationId?: string;

  @ApiPropertyOptional({ type: [String] })
  roles?: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
