import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCitizenIdNumber } from '@onewindow/domain/china-id';
import { PASSWORD_MAX_LENGTH } from '@onewindow/identity/domain';
import { Role } from '@onewindow/platform/auth';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PHONE_PATTERN } from '../accounts/account.dto';

export const STAFF_ROLE_NAMES = [Role.WindowClerk, Role.DepartmentReviewer, Role.Supervisor, Role.DepartmentAdmin, Role.PlatformAdmin] as const;

export class CreateStaffDto {
  @ApiProperty()
  @IsCitizenIdNumber()
  idNumber!: string;

  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number of 11 digits' })
  phone?: string;

  @ApiProperty({ description: 'Initial password, to be changed by the staff member' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: '350123-market-regulation' })
  @IsString()
  @MaxLength(100)
  organisationId!: string;

  @ApiProperty({ enum: STAFF_ROLE_NAMES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsIn(STAFF_ROLE_NAMES, { each: true })
  roles!: Role[];
}

export class IdNumberReadQuery {
  @ApiProperty({ description: 'Why the full number is needed; kept in the audit log', example: 'case 2026-0001: checking the applicant' })
  @IsString()
  @MinLength(5)
  @MaxLength(200)
  purpose!: string;
}

export class IdNumberResponse {
  @ApiProperty()
  idNumber!: string;
}
