import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date written YYYY-MM-DD';

export class HolidayDto {
  @ApiProperty({ example: '春节' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ type: [String], example: ['2027-02-06', '2027-02-07'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @Matches(CIVIL_DATE, { each: true, message: DATE_MESSAGE })
  days!: string[];
}

export class HolidayArrangementDto {
  @ApiProperty({ enum: ['official', 'provisional'] })
  @IsIn(['official', 'provisional'])
  status!: 'official' | 'provisional';

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  source!: string;

  @ApiProperty({ type: [HolidayDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays!: HolidayDto[];

  @ApiProperty({ type: [String], example: ['2027-02-20'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CIVIL_DATE, { each: true, message: DATE_MESSAGE })
  workingWeekendDays!: string[];
}

export class HolidayArrangementResponse extends HolidayArrangementDto {
  @ApiProperty()
  year!: number;

  @ApiProperty()
  updatedAt!: string;
}

export class DueDateQuery {
  @ApiProperty({ example: '2026-02-13', description: 'Day of acceptance (China time); it does not count.' })
  @Matches(CIVIL_DATE, { message: DATE_MESSAGE })
  start!: string;

  @ApiProperty({ example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  workingDays!: number;
}

export class DueDateResponse {
  @ApiProperty({ example: '2026-02-24' })
  dueDate!: string;

  @ApiProperty({ description: 'False when the calendar of a year it crosses is still provisional.' })
  official!: boolean;
}
