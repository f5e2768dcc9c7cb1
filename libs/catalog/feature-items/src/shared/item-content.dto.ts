import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FeeRule,
  HallWindow,
  ItemContent,
  MaterialForm,
  MaterialSource,
  MAX_FEE_FEN,
  OnlineLevel,
  ServicePointKind,
} from '@onewindow/catalog/domain';
import {
  ACCEPTANCE_ROLES,
  AcceptanceRole,
  PROCESS_LIMITS,
  ProcessDefinition,
  Stage,
  StageTask,
  StageTaskKind,
  StageTaskRole,
  TASK_KINDS,
  TASK_ROLES,
} from '@onewindow/domain/process-definition';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Text, TextList } from './validators';

export class FeeRuleDto {
  @ApiProperty({ enum: ['NONE', 'FIXED', 'PER_UNIT'] })
  @IsIn(['NONE', 'FIXED', 'PER_UNIT'])
  kind!: FeeRule['kind'];

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Text(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Fixed amount in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEE_FEN)
  amountFen?: number;

  @ApiPropertyOptional({ maxLength: 20 })
  @IsOptional()
  @Text(20)
  unit?: string;

  @ApiPropertyOptional({ description: 'Amount per unit in fen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEE_FEN)
  amountFenPerUnit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxUnits?: number;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Text(500)
  legalBasis?: string;
}

export class MaterialDto {
  @ApiProperty({ maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: MaterialForm })
  @IsEnum(MaterialForm)
  form!: MaterialForm;

  @ApiProperty({ minimum: 0, maximum: 20 })
  @IsInt()
  @Min(0)
  @Max(20)
  copies!: number;

  @ApiProperty()
  @IsBoolean()
  originalRequired!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  blankFormUrl?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(500)
  sampleUrl?: string;

  @ApiProperty({ enum: MaterialSource })
  @IsEnum(MaterialSource)
  source!: MaterialSource;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Text(64)
  licenceType?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Text(64)
  dataResource?: string;

  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @Text(32)
  proofCode?: string;
}

export class FaqDto {
  @ApiProperty({ maxLength: 500 })
  @Text(500)
  question!: string;

  @ApiProperty({ maxLength: 2000 })
  @Text(2000)
  answer!: string;
}

export class ItemResultDto {
  @ApiProperty({ maxLength: 100 })
  @Text(100)
  name!: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @Text(64)
  eLicenceType?: string;
}

const DEPARTMENT_CODE = /^[0-9]{3}$/;

/** Working days of a time limit. */
function Days(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(0), Max(PROCESS_LIMITS.days));
}

export class StageTaskDto implements StageTask {
  @ApiProperty({ pattern: '^[0-9]{3}$', description: 'County department code (the leader, for a joint inspection)' })
  @Matches(DEPARTMENT_CODE, { message: 'must be a three-digit department code' })
  departmentCode!: string;

  @ApiProperty({ enum: TASK_KINDS, description: 'JOINT_INSPECTION: one site visit by several departments together (单改综)' })
  @IsIn(TASK_KINDS)
  kind!: StageTaskKind;

  @ApiProperty({ enum: TASK_ROLES, description: 'Who in the department decides the task' })
  @IsIn(TASK_ROLES)
  role!: StageTaskRole;

  @ApiPropertyOptional({ type: [String], description: 'JOINT_INSPECTION only: the departments inspecting with the leader' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROCESS_LIMITS.withDepartments)
  @Matches(DEPARTMENT_CODE, { each: true, message: 'must be three-digit department codes' })
  withDepartments?: string[];
}

export class StageDto implements Stage {
  @ApiProperty({ maxLength: PROCESS_LIMITS.stageNameLength })
  @Text(PROCESS_LIMITS.stageNameLength)
  name!: string;

  @ApiProperty({ description: 'Time limit of the stage in working days, from the day it opens' })
  @Days()
  days!: number;

  @ApiProperty({ type: [StageTaskDto], description: 'Tasks run in parallel; the stage joins when all approve' })
  @IsArray()
  @ArrayMaxSize(PROCESS_LIMITS.tasksPerStage)
  @ValidateNested({ each: true })
  @Type(() => StageTaskDto)
  tasks!: StageTaskDto[];
}

export class AcceptanceDto {
  @ApiProperty({ enum: ACCEPTANCE_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ACCEPTANCE_ROLES, { each: true })
  roles!: AcceptanceRole[];
}

/** A process definition as a department admin writes it; its cross-field rules are checked at publication (ADR 0030). */
export class ProcessDefinitionDto implements ProcessDefinition {
  @ApiProperty({ enum: [1] })
  @IsIn([1])
  version!: 1;

  @ApiProperty({ type: AcceptanceDto })
  @ValidateNested()
  @Type(() => AcceptanceDto)
  acceptance!: AcceptanceDto;

  @ApiProperty({ description: 'Time limit for online pre-review in working days' })
  @Days()
  preReviewDays!: number;

  @ApiProperty({ type: [StageDto], description: 'Stages run one after another' })
  @IsArray()
  @ArrayMaxSize(PROCESS_LIMITS.stages)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages!: StageDto[];
}

/** A service guide as written by a department admin; limits match the event schema. */
export class ItemContentDto implements ItemContent {
  @ApiProperty({ maxLength: 100 })
  @Text(100)
  name!: string;

  @ApiProperty({ type: [String] })
  @TextList(20, 100)
  aliases!: string[];

  @ApiProperty({ type: [String] })
  @TextList(30, 50)
  keywords!: string[];

  @ApiProperty({ type: [String] })
  @TextList(30, 500)
  legalBasis!: string[];

  @ApiProperty({ enum: OnlineLevel })
  @IsEnum(OnlineLevel)
  onlineLevel!: OnlineLevel;

  @ApiProperty()
  @IsBoolean()
  instant!: boolean;

  @ApiProperty({ description: 'Statutory time limit in working days' })
  @IsInt()
  @Min(0)
  @Max(365)
  statutoryDays!: number;

  @ApiProperty({ description: 'Promised time limit in working days' })
  @IsInt()
  @Min(0)
  @Max(365)
  promisedDays!: number;

  @ApiProperty({ type: FeeRuleDto })
  @ValidateNested()
  @Type(() => FeeRuleDto)
  fee!: FeeRuleDto & FeeRule;

  @ApiProperty({ type: [String] })
  @TextList(50, 1000)
  conditions!: string[];

  @ApiProperty({ type: [MaterialDto] })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials!: MaterialDto[];

  @ApiProperty({ type: [String] })
  @TextList(30, 1000)
  steps!: string[];

  @ApiProperty({ type: [String] })
  @TextList(60, 1000)
  reviewRules!: string[];

  @ApiProperty({ enum: ServicePointKind, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(ServicePointKind, { each: true })
  servicePoints!: ServicePointKind[];

  @ApiPropertyOptional({ enum: HallWindow })
  @IsOptional()
  @IsEnum(HallWindow)
  hallWindow?: HallWindow;

  @ApiProperty({ type: [String] })
  @TextList(20, 50)
  lifeEvents!: string[];

  @ApiProperty({ type: [String] })
  @TextList(20, 50)
  themes!: string[];

  @ApiProperty({ type: [FaqDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => FaqDto)
  faqs!: FaqDto[];

  @ApiProperty({ type: [String] })
  @TextList(10, 200)
  complaintChannels!: string[];

  @ApiPropertyOptional({ type: ItemResultDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ItemResultDto)
  result?: ItemResultDto;

  @ApiProperty({ type: [String] })
  @TextList(30, 1000)
  responsibilities!: string[];

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  negativeMeasure?: string;

  @ApiPropertyOptional({ type: ProcessDefinitionDto, description: 'Omitted: the default definition is published with the version' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProcessDefinitionDto)
  process?: ProcessDefinitionDto;
}

/**
 * A plain copy of validated content, dropping keys the client left undefined, so what is stored
 * and published is exactly the declared fields.
 */
export function plainContent(dto: ItemContent): ItemContent {
  return JSON.parse(JSON.stringify(dto)) as ItemContent;
}
