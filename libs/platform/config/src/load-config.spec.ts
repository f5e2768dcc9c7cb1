import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { DatabaseConfig } from './platform-config';

const valid = { SERVICE_NAME: 'workflow', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/onewindow_workflow' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(DatabaseConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and converts numbers and lists', () => {
    const config = loadConfig(DatabaseConfig, { ...valid, PORT: '3003', KAFKA_BROKERS: 'a:9092, b:9093' });
    expect(config.PORT).toBe(3003);
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.LOG_LEVEL).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names a missing required variable', () => {
    expect(problemsOf({ SERVICE_NAME: 'workflow' })).toEqual(['DATABASE_URL']);
  });

  it('names every malformed variable at once', () => {
    const names = problemsOf({ ...valid, PORT: 'eighty', KAFKA_BROKERS: 'no-port', LOG_LEVEL: 'loud' });
    expect(names.sort()).toEqual(['KAFKA_BROKERS', 'LOG_LEVEL', 'PORT']);
  });

  it('puts the variable name and the reason in the message', () => {
    expect(() => loadConfig(DatabaseConfig, { ...valid, DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
  });

  it('ignores variables the class does not declare', () => {
    const config = loadConfig(DatabaseConfig, { ...valid, UNRELATED: 'x' }) as unknown as Record<string, unknown>;
    expect(config['UNRELATED']).toBeUndefined();
  });
});
