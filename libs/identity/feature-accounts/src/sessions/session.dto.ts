import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCitizenIdNumber } from '@onewindow/domain/china-id';
import { PASSWORD_MAX_LENGTH } from '@onewindow/identity/domain';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PHONE_PATTERN } from '../accounts/account.dto';

/** Log in by citizen ID number or phone number; staff name their organisation. */
export class LoginDto {
  @ApiPropertyOptional({ example: '11010519491231002X', description: 'Either idNumber or phone' })
  @ValidateIf((dto: LoginDto) => dto.phone === undefined || dto.idNumber !== undefined)
  @IsCitizenIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @ValidateIf((dto: LoginDto) => dto.idNumber === undefined || dto.phone !== undefined)
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number of 11 digits' })
  phone?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ description: 'Staff only: the organisation to act for', example: '350123-market-regulation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  organisationId?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class TokenResponse {
  @ApiProperty()
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiPropertyOptional({ description: 'Single use: refreshing returns a new one; reusing an old one ends the session' })
  refreshToken?: string;
}
