import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { MaterialDto } from '@onewindow/workflow/feature-materials';

export const CHANNELS = ['ONLINE', 'COUNTY_HALL', 'TOWNSHIP_CENTRE', 'COMMUNITY_POINT', 'KIOSK'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export class SubmitApplicationDto {
  @ApiProperty({ example: '350123-010-01-0001-3' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  itemCode!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: (typeof CHANNELS)[number];

  @ApiPropertyOptional({ description: 'Required for every channel but ONLINE: where the case was taken in' })
  @IsOptional()
  @Matches(ID, { message: 'must be a service point id' })
  servicePointId?: string;

  @ApiPropertyOptional({ description: 'Window clerks submitting on behalf of an applicant: the applicant’s account id' })
  @IsOptional()
  @Matches(ID, { message: 'must be an account id' })
  applicantId?: string;

  @ApiPropertyOptional({
    type: [MaterialDto],
    description: 'The item’s materials: uploads (POST /uploads) or e-licence references. Online, every material the applicant provides is required',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];
}

export class SupplementRequestDto {
  @ApiProperty({ type: [String], description: 'Every missing or faulty material, in one notice (一次性告知)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  missing!: string[];
}

export class RefusalDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class TaskDecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'DENIED'] })
  @IsIn(['APPROVED', 'DENIED'])
  decision!: 'APPROVED' | 'DENIED';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class DeliveryDto {
  @ApiProperty({ enum: ['PICKUP', 'COURIER', 'ELECTRONIC'], description: 'PICKUP at a window counts as a trip' })
  @IsIn(['PICKUP', 'COURIER', 'ELECTRONIC'])
  method!: 'PICKUP' | 'COURIER' | 'ELECTRONIC';
}

export class TaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty({ enum: ['REVIEW', 'JOINT_INSPECTION'] }) kind!: string;
  @ApiProperty({ enum: ['WAITING', 'PENDING', 'APPROVED', 'DENIED', 'CANCELLED'], description: 'WAITING: its stage has not opened yet' })
  status!: string;
  @ApiProperty({ description: 'Stages (from 1) run in order; the tasks of a stage in parallel' }) stage!: number;
  @ApiProperty({ enum: ['department_reviewer', 'department_admin'], description: 'Who in the department decides the task' }) role!: string;
  @ApiPropertyOptional({ type: [String], description: 'JOINT_INSPECTION: the departments inspecting with the leader' })
  withDepartments?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Due in its stage’s working days from the day the stage opened' })
  dueDate!: string | null;
  @ApiProperty() claimed!: boolean;
}

export class ApplicationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() itemVersion!: number;
  @ApiProperty() departmentCode!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) servicePointId!: string | null;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['APPROVED', 'DENIED'] }) decision!: string | null;
  @ApiPropertyOptional({ type: [String], nullable: true }) missingMaterials!: string[] | null;
  @ApiProperty() supplementRounds!: number;
  @ApiProperty({ description: 'Trips the applicant made in person' }) trips!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) statutoryDueDate!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) promisedDueDate!: string | null;
  @ApiProperty() submittedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) acceptedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) concludedAt!: string | null;
  @ApiProperty({ type: [TaskResponse] }) tasks!: TaskResponse[];
}

export class AuditVerificationResponse {
  @ApiProperty() intact!: boolean;
  @ApiProperty() acts!: number;
  @ApiPropertyOptional({ description: 'Sequence number of the first broken act' }) firstBrokenSequence?: number;
  @ApiPropertyOptional({ enum: ['HASH_MISMATCH', 'LINK_BROKEN', 'SEQUENCE_GAP'] }) reason?: string;
}

export class EvaluationDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class EvaluationResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty() score!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty() createdAt!: string;
}
