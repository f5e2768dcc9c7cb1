import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ItemType, LUOYUAN_DEPARTMENTS } from '@onewindow/catalog/domain';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ItemContentDto } from '../shared/item-content.dto';
import { CalendarDate, Text } from '../shared/validators';

export class CreateItemDto {
  @ApiProperty({ description: 'Three-digit catalogue department code', example: '010' })
  @IsIn(Object.keys(LUOYUAN_DEPARTMENTS), { message: 'must be a catalogue department code' })
  departmentCode!: string;

  @ApiProperty({ enum: ItemType })
  @IsEnum(ItemType)
  type!: ItemType;

  @ApiProperty({ type: ItemContentDto })
  @ValidateNested()
  @Type(() => ItemContentDto)
  content!: ItemContentDto;
}

export class EditDraftDto {
  @ApiProperty({ type: ItemContentDto })
  @ValidateNested()
  @Type(() => ItemContentDto)
  content!: ItemContentDto;
}

export class ApproveDto {
  @ApiPropertyOptional({ description: 'Effective date (YYYY-MM-DD); today in China Standard Time by default' })
  @IsOptional()
  @CalendarDate()
  effectiveFrom?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class RejectDto {
  @ApiProperty({ maxLength: 1000 })
  @Text(1000)
  note!: string;
}

export class RetireDto {
  @ApiProperty({ maxLength: 500 })
  @Text(500)
  reason!: string;
}
