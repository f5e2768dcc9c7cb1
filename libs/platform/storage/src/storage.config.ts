import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength, ValidateIf } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const usesS3 = (config: StorageConfig) => config.MATERIAL_STORAGE === 's3';

/**
 * Which object storage a service uses. `postgres` (default) keeps objects in a table of the service's
 * own database; `s3` in a bucket of an S3-compatible store, whose variables are then required.
 */
export class StorageConfig {
  @IsIn(['postgres', 's3'])
  MATERIAL_STORAGE: 'postgres' | 's3' = 'postgres';

  @ValidateIf(usesS3)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL of the S3 endpoint' })
  S3_ENDPOINT?: string;

  @ValidateIf(usesS3)
  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET?: string;

  @ValidateIf(usesS3)
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf(usesS3)
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (`endpoint/bucket/key`), as MinIO and most on-premises stores need. */
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'must be true or false' })
  S3_FORCE_PATH_STYLE = true;
}
