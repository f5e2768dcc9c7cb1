export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Thrown at boot when the environment does not satisfy a config class; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}
