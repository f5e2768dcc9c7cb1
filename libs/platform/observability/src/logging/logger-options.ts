import { hostname } from 'node:os';
import { LevelWithSilent, Logger, LoggerOptions, stdTimeFunctions, symbols } from 'pino';
import { RequestContext } from '../context/request-context';
import { activeTraceIds } from '../tracing/trace-ids';

/** Headers whose values are credentials. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key'];

/**
 * Field names whose values are credentials or personal data (our rule: neither goes to logs).
 * Matched at the top of a log object and up to two levels below it.
 */
export const REDACTED_FIELDS = [
  'password',
  'newPassword',
  'oldPassword',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'privateKey',
  'otp',
  'verificationCode',
  'idNumber',
  'phone',
  'mobile',
  'phoneNumber',
  'email',
  'fullName',
  'realName',
  'personName',
  'contactName',
  'contactPhone',
  'legalRepresentative',
  'address',
  'bankCardNumber',
  'cardNumber',
] as const;

function redactPaths(): string[] {
  const fields = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  const headers = SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]);
  return [...fields, ...headers];
}

export interface LoggedError {
  type: string;
  message: string;
  code?: string | number;
}

/**
 * Keeps an error's name, message and code. Stack traces, causes and attached objects never reach the
 * log: they leak internals and, through messages of wrapped errors, personal data.
 */
export function serializeError(value: unknown): LoggedError {
  if (typeof value !== 'object' || value === null) return { type: 'Error', message: String(value) };
  const error = value as { name?: unknown; type?: unknown; message?: unknown; code?: unknown };
  const type =
    value instanceof Error
      ? value.name
      : typeof error.type === 'string'
        ? error.type
        : typeof error.name === 'string'
          ? error.name
          : 'Error';
  const logged: LoggedError = { type, message: typeof error.message === 'string' ? error.message : '' };
  if (typeof error.code === 'string' || typeof error.code === 'number') logged.code = error.code;
  return logged;
}

const chindings = symbols.chindingsSym;

/** Ids of the current request or message and of the active span, added to every line. */
export function contextFields(_mergeObject: object, _level: number, logger: Logger): Record<string, string> {
  const fields: Record<string, string> = {};
  const ctx = RequestContext.current();
  if (ctx) {
    // pino-http already binds requestId to the request's logger; a second copy would duplicate the key.
    const bound = (logger as unknown as Record<symbol, string | undefined>)[chindings] ?? '';
    if (!bound.includes('"requestId":')) fields['requestId'] = ctx.requestId;
    fields['correlationId'] = ctx.correlationId;
    if (ctx.causationId) fields['causationId'] = ctx.causationId;
  }
  const ids = activeTraceIds() ?? idsFromTraceparent(ctx?.traceparent);
  if (ids) {
    fields['traceId'] = ids.traceId;
    fields['spanId'] = ids.spanId;
  }
  return fields;
}

function idsFromTraceparent(
  traceparent: string | undefined,
): { traceId: string; spanId: string } | undefined {
  const match = traceparent ? /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/.exec(traceparent) : null;
  return match ? { traceId: match[1] as string, spanId: match[2] as string } : undefined;
}

/** Options shared by every OneWindow logger: JSON lines with service, ids, redaction, no stack traces. */
export function baseLoggerOptions(service: string, level: LevelWithSilent): LoggerOptions {
  return {
    level,
    base: { service, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: contextFields,
    redact: { paths: redactPaths(), censor: '[REDACTED]' },
    serializers: { err: serializeError, error: serializeError },
  };
}
