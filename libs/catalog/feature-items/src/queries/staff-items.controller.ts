import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse } from '@onewindow/platform/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { LUOYUAN_DEPARTMENTS, VersionState } from '@onewindow/catalog/domain';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ItemHistoryDto, StaffItemListDto, StaffItemVersionDto, VersionDiffDto } from '../shared/mappers';
import { ItemCodePipe, VersionPipe } from '../shared/validators';
import { StaffItemQueries } from './staff-queries.service';

export class StaffListQueryDto {
  @ApiPropertyOptional({ description: 'Department code; a department admin may give only their own' })
  @IsOptional()
  @IsIn(Object.keys(LUOYUAN_DEPARTMENTS), { message: 'must be a catalogue department code' })
  department?: string;

  @ApiPropertyOptional({ enum: VersionState, description: 'State of the latest version; IN_REVIEW is the review queue' })
  @IsOptional()
  @IsEnum(VersionState)
  state?: VersionState;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class DiffQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999999)
  from!: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999999)
  to!: number;
}

@ApiTags('catalog: authoring')
@ApiBearerAuth()
@ApiProblemResponse(403, 'Not an admin of the item\'s department')
@Roles(Role.DepartmentAdmin, Role.PlatformAdmin)
@Controller('items')
export class StaffItemsController {
  constructor(private readonly queries: StaffItemQueries) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: StaffListQueryDto): Promise<StaffItemListDto> {
    return this.queries.list(principal, query);
  }

  @Get(':code/versions')
  history(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string): Promise<ItemHistoryDto> {
    return this.queries.history(principal, code);
  }

  @Get(':code/versions/:version')
  version(
    @CurrentPrincipal() principal: Principal,
    @Param('code', ItemCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
  ): Promise<StaffItemVersionDto> {
    return this.queries.version(principal, code, version);
  }

  @Get(':code/diff')
  diff(@CurrentPrincipal() principal: Principal, @Param('code', ItemCodePipe) code: string, @Query() query: DiffQueryDto): Promise<VersionDiffDto> {
    return this.queries.diff(principal, code, query.from, query.to);
  }
}
