import { DestinationStream, LevelWithSilent, Logger, pino } from 'pino';
import { baseLoggerOptions } from './logger-options';

export interface CreateLoggerOptions {
  level?: LevelWithSilent;
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

/** A plain pino logger for code outside HTTP requests: the outbox relay, consumers, scripts. */
export function createLogger(service: string, options: CreateLoggerOptions = {}): Logger {
  const settings = baseLoggerOptions(service, options.level ?? 'info');
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
