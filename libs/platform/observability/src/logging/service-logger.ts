import { LoggerService } from '@nestjs/common';
import { Level, Logger } from 'pino';

/** A message that is a stack trace (someone logged `error.stack`) keeps only its first line. */
function firstLineOfTrace(message: string): string {
  const frames = message.indexOf('\n    at ');
  return frames === -1 ? message : message.slice(0, frames);
}

/**
 * The service's one pino logger, injectable, and the logger Nest itself writes through
 * (`app.useLogger`). Request, correlation and trace ids come from the logger's mixin (logger-options),
 * so nothing makes a child logger per request (ADR 0009, amendment of 2026-11-30).
 */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `(message, context)` and, for errors, `(message, stack, context)`: the context is the
   * last string argument; a stack is never written.
   */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const last = rest[rest.length - 1];
    const fields: Record<string, unknown> = typeof last === 'string' ? { context: last } : {};
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, firstLineOfTrace(String(message)));
  }
}
