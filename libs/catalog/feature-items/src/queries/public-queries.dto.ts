import { ApiPropertyOptional } from '@nestjs/swagger';
import { CatalogList, ItemType, LUOYUAN_DEPARTMENTS, OnlineLevel, ServicePointKind } from '@onewindow/catalog/domain';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const DEPARTMENT_CODES = Object.keys(LUOYUAN_DEPARTMENTS);

export class SearchQueryDto {
  @ApiPropertyOptional({ description: 'Keywords as a resident types them, e.g. 办营业执照', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: 'Department code' })
  @IsOptional()
  @IsIn(DEPARTMENT_CODES, { message: 'must be a catalogue department code' })
  department?: string;

  @ApiPropertyOptional({ enum: ItemType })
  @IsOptional()
  @IsEnum(ItemType)
  type?: ItemType;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  lifeEvent?: string;

  @ApiPropertyOptional({ enum: OnlineLevel })
  @IsOptional()
  @IsEnum(OnlineLevel)
  onlineLevel?: OnlineLevel;

  @ApiPropertyOptional({ enum: ServicePointKind })
  @IsOptional()
  @IsEnum(ServicePointKind)
  servicePoint?: ServicePointKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  pageSize?: number;
}

export class ListQueryDto {
  @ApiPropertyOptional({ description: 'Department code; county-wide when absent' })
  @IsOptional()
  @IsIn(DEPARTMENT_CODES, { message: 'must be a catalogue department code' })
  department?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ListParamDto {
  @IsEnum(CatalogList)
  list!: CatalogList;
}

export class ChangesQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601 date or date-time' })
  @IsISO8601({ strict: true })
  since!: string;
}
