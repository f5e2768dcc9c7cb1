import { ConfigError, loadConfig } from '@onewindow/platform/config';
import { StorageConfig } from './storage.config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(StorageConfig, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
}

describe('StorageConfig', () => {
  it('defaults to PostgreSQL and needs no S3 variables then', () => {
    expect(loadConfig(StorageConfig, {}).MATERIAL_STORAGE).toBe('postgres');
  });

  it('names every missing S3 variable when S3 is chosen', () => {
    expect(problemsOf({ MATERIAL_STORAGE: 's3' })).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_SECRET_ACCESS_KEY']);
  });

  it('accepts a complete S3 configuration and reads the path-style flag', () => {
    const config = loadConfig(StorageConfig, {
      MATERIAL_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio.storage:9000',
      S3_BUCKET: 'onewindow-materials',
      S3_ACCESS_KEY_ID: 'workflow',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(config).toMatchObject({ S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false });
  });

  it('refuses an unknown adapter and a malformed flag', () => {
    expect(problemsOf({ MATERIAL_STORAGE: 'ftp', S3_FORCE_PATH_STYLE: 'yes' })).toEqual(['MATERIAL_STORAGE', 'S3_FORCE_PATH_STYLE']);
  });
});
