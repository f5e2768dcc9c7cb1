import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, Matches } from 'class-validator';

export class SupervisionQuery {
  @ApiProperty({ description: 'Start of the period (inclusive)' })
  @Type(() => Date)
  @IsDate()
  from!: Date;

  @ApiProperty({ description: 'End of the period (exclusive), at most 366 days after from' })
  @Type(() => Date)
  @IsDate()
  to!: Date;

  @ApiPropertyOptional({ description: 'Three-digit department code; department admins always see their own' })
  @IsOptional()
  @Matches(/^[0-9]{3}$/, { message: 'must be a three-digit department code' })
  departmentCode?: string;
}

export class OverdueQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{3}$/, { message: 'must be a three-digit department code' })
  departmentCode?: string;
}

export class StatusCount {
  @ApiProperty() key!: string;
  @ApiProperty() status!: string;
  @ApiProperty() count!: number;
}

export class SummaryResponse {
  @ApiProperty({ type: [StatusCount], description: 'Cases submitted in the period, by department and status' })
  byDepartment!: StatusCount[];

  @ApiProperty({ type: [StatusCount], description: 'Cases submitted in the period, by item and status' })
  byItem!: StatusCount[];
}

export class ItemPerformanceResponse {
  @ApiProperty() itemCode!: string;
  @ApiProperty() concluded!: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) averageWorkingDays!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) onTimeRate!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) tripsPerCase!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of zero-trip cases (最多跑零次)' }) zeroTripShare!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Share of one-trip cases (最多跑一次)' }) oneTripShare!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Average rating by applicants, 1 to 5 (好差评)' }) averageScore!: number | null;
  @ApiProperty() evaluations!: number;
}

export class OverdueCaseResponse {
  @ApiProperty() id!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() promisedDueDate!: string;
  @ApiProperty() statutoryDueDate!: string;
  @ApiProperty({ type: [String] }) openDepartments!: string[];
}
