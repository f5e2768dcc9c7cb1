import { IntSetting } from '@onewindow/platform/config';
import { IsOptional, IsUrl } from 'class-validator';

/** The workflow's material settings, validated at boot (the storage adapter's are in `StorageConfig`). */
export class MaterialsConfig {
  /** Largest file accepted by `POST /uploads`, in bytes. Default 10 MiB. */
  @IntSetting(1024, 100 * 1024 * 1024)
  MATERIAL_MAX_BYTES = 10 * 1024 * 1024;

  /** Base URL of the licence service; unset, e-licence references are only checked for format. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL of the licence service' },
  )
  LICENCE_URL?: string;

  /** How long a licence lookup may take before the submission answers 503. */
  @IntSetting(100, 30_000)
  LICENCE_TIMEOUT_MS = 3000;
}

export const MATERIALS_CONFIG = Symbol('MATERIALS_CONFIG');

/** The content types `POST /uploads` accepts: scans and photos of paper, and PDF/OFD documents. */
export const UPLOAD_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/ofd',
] as const;

/** An upload not attached to a material within this time is deleted. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
