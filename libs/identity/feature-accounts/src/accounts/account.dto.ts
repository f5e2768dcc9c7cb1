import { ApiProperty } from '@nestjs/swagger';
import { IsCitizenIdNumber } from '@onewindow/domain/china-id';
import { PASSWORD_MAX_LENGTH } from '@onewindow/identity/domain';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Mainland mobile numbers (11 digits starting 13-19). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export class RegisterPersonDto {
  @ApiProperty({ example: '11010519491231002X' })
  @IsCitizenIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '林晓明', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number of 11 digits' })
  phone!: string;

  @ApiProperty({ minLength: 10, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePhoneDto {
  @ApiProperty({ example: '13900139000' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number of 11 digits' })
  phone!: string;
}

export class ChangeNameDto {
  @ApiProperty({ maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class DeregisterDto {
  @ApiProperty({ description: 'The current password, confirming the holder closes the account' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
