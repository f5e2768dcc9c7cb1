import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const NOT_BLANK = /\S/;

export class PauseDto {
  @ApiProperty({ enum: ['EXPERT_REVIEW', 'HEARING'], description: 'EXPERT_REVIEW (专家评审) or HEARING (听证)' })
  @IsIn(['EXPERT_REVIEW', 'HEARING'])
  kind!: 'EXPERT_REVIEW' | 'HEARING';

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export class ExtensionRequestDto {
  @ApiProperty({ minimum: 1, description: 'Working days; at most the item’s statutory days' })
  @IsInt()
  @Min(1)
  @Max(365)
  days!: number;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export class ExtensionDecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] })
  @IsIn(['APPROVED', 'REJECTED'])
  decision!: 'APPROVED' | 'REJECTED';

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ExtensionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() applicationId!: string;
  @ApiProperty() days!: number;
  @ApiProperty() reason!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'REJECTED'] }) status!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) comment!: string | null;
}
