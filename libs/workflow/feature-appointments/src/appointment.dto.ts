import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Window categories of the county hall's comprehensive windows (综合窗口), plus a township or community point's general window. */
export const WINDOW_CATEGORIES = ['ENTERPRISE_LICENSING', 'SOCIAL_AFFAIRS', 'INVESTMENT_CONSTRUCTION', 'GENERAL'] as const;
export type WindowCategory = (typeof WINDOW_CATEGORIES)[number];

const SERVICE_POINT_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export class CreateSlotDto {
  @ApiProperty({ example: 'luoyuan-county-hall' })
  @Matches(SERVICE_POINT_ID, { message: 'must be a service point id (lower-case letters, digits and -)' })
  servicePointId!: string;

  @ApiProperty({ enum: WINDOW_CATEGORIES })
  @IsIn(WINDOW_CATEGORIES)
  windowCategory!: WindowCategory;

  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' })
  @Type(() => Date)
  @IsDate()
  startsAt!: Date;

  @ApiProperty({ example: '2026-12-01T01:30:00.000Z' })
  @Type(() => Date)
  @IsDate()
  endsAt!: Date;

  @ApiProperty({ minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1)
  @Max(500)
  capacity!: number;
}

export class SlotQuery {
  @ApiProperty()
  @Matches(SERVICE_POINT_ID, { message: 'must be a service point id (lower-case letters, digits and -)' })
  servicePointId!: string;

  @ApiPropertyOptional({ enum: WINDOW_CATEGORIES })
  @IsOptional()
  @IsIn(WINDOW_CATEGORIES)
  windowCategory?: WindowCategory;

  @ApiProperty({ description: 'Start of the period (inclusive)' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @ApiProperty({ description: 'End of the period (exclusive), at most 31 days after from' })
  @Type(() => Date)
  @IsDate()
  to!: Date;
}

export class BookDto {
  @ApiProperty()
  @IsUUID()
  slotId!: string;

  @ApiPropertyOptional({ description: 'Item the applicant comes for, if known' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  itemCode?: string;
}

export class SlotResponse {
  @ApiProperty() id!: string;
  @ApiProperty() servicePointId!: string;
  @ApiProperty({ enum: WINDOW_CATEGORIES }) windowCategory!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() available!: number;
}

export class AppointmentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() slotId!: string;
  @ApiProperty({ enum: ['BOOKED', 'CANCELLED'] }) status!: string;
  @ApiProperty() servicePointId!: string;
  @ApiProperty() windowCategory!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) itemCode!: string | null;
  @ApiProperty() bookedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt!: string | null;
}
