import { ApiProperty } from '@nestjs/swagger';
import { IsCitizenIdNumber, IsCreditCode } from '@onewindow/domain/china-id';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDateString, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

/** What an enterprise may let an agent do on its behalf. */
export const AGENT_SCOPES = ['apply', 'pay', 'receive-licences', 'manage-agents'] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];

export class RegisterEnterpriseDto {
  @ApiProperty({ example: '91350123MA2XXXXXXX' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ example: '罗源县某某贸易有限公司', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class GrantAgentDto {
  @ApiProperty({ description: 'Citizen ID number of the person to authorise (they must have an account)' })
  @IsCitizenIdNumber()
  idNumber!: string;

  @ApiProperty({ enum: AGENT_SCOPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(AGENT_SCOPES.length)
  @IsIn(AGENT_SCOPES, { each: true })
  scopes!: AgentScope[];

  @ApiProperty({ format: 'date-time', description: 'In the future, at most three years ahead' })
  @IsDateString({ strict: true })
  expiresAt!: string;
}

export class ActForEnterpriseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enterpriseId!: string;
}

export class AgentAuthorisationResponse {
  @ApiProperty({ format: 'uuid' })
  authorisationId!: string;

  @ApiProperty({ format: 'uuid' })
  enterpriseId!: string;

  @ApiProperty({ format: 'uuid' })
  agentId!: string;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}
