import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError, ConfigProblem } from './config-error';

type Env = Record<string, string | undefined>;

function toProblems(errors: ValidationError[]): ConfigProblem[] {
  return errors.map((error) => ({
    variable: error.property,
    // class-validator prefixes each message with the property name; the variable is reported on its own.
    reason: Object.values(error.constraints ?? {})
      .map((message) => (message.startsWith(error.property) ? message.slice(error.property.length).trim() : message))
      .join(', '),
  }));
}

/**
 * Builds a config object from the environment and validates it. Only the variables the class
 * declares are read; values are converted with the class's `@Type`/`@Transform` decorators.
 */
export function loadConfig<T extends object>(cls: new () => T, env: Env = process.env): T {
  const config = plainToInstance(cls, { ...env }, { exposeDefaultValues: true, enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(toProblems(errors));
  return Object.freeze(config);
}
