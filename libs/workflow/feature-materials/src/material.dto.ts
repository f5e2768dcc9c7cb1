import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'notBothUploadAndLicence' })
class NotBothUploadAndLicence implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as MaterialDto).licenceId === undefined;
  }

  defaultMessage(): string {
    return 'must not be given together with licenceId';
  }
}

/** One material of the item, provided as an upload or as a reference to an e-licence (exactly one). */
export class MaterialDto {
  @ApiProperty({ example: '食品经营许可申请书', description: 'The material’s name exactly as the item lists it' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An upload of yours (POST /uploads) not yet attached' })
  @ValidateIf((o: MaterialDto) => o.licenceId === undefined || o.uploadId !== undefined)
  @IsUUID('all', { message: 'must be the id of an upload (give exactly one of uploadId and licenceId)' })
  @Validate(NotBothUploadAndLicence)
  uploadId?: string;

  @ApiPropertyOptional({ example: 'BL-350123-2026-000123', description: 'An e-licence number, for a material the item reads from the e-licence store' })
  @ValidateIf((o: MaterialDto) => o.licenceId !== undefined)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{5,63}$/, { message: 'must be a licence number' })
  licenceId?: string;
}

export class AttachMaterialsDto {
  @ApiProperty({ type: [MaterialDto], description: 'Replacements or additions for this supplement round' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials!: MaterialDto[];
}

export class UploadResponse {
  @ApiProperty({ format: 'uuid' }) uploadId!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes stored, hex' }) sha256!: string;
  @ApiProperty() size!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty({ description: 'When the upload is deleted unless attached to a material' }) expiresAt!: string;
}

export class MaterialResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['UPLOAD', 'E_LICENCE'] }) source!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) contentType!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) size!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sha256!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) licenceId!: string | null;
  @ApiProperty({ description: '0: with the submission; n: in supplement round n' }) round!: number;
  @ApiProperty({ description: 'False for an e-licence reference checked only for its format' }) verified!: boolean;
  @ApiProperty() attachedAt!: string;
}
