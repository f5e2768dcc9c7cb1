import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { LevelWithSilent, LoggerOptions, stdTimeFunctions } from 'pino';
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

const REDACTED = new Set<string>(REDACTED_FIELDS);
const SECRET_HEADER_NAMES = new Set(SECRET_HEADERS);
const CENSOR = '[REDACTED]';
/** Levels of a log object whose keys are checked: the top and the two below it. */
const REDACT_DEPTH = 3;

/**
 * A copy of a log object with credential and personal fields (and credential headers) replaced,
 * down to three levels. Bindings given to `logger.child()` are not passed through it (pino formats
 * only the root's): bind ids and names of components there, never personal data. One walk over the object with set lookups: pino's path-based redaction of
 * the same fields at three depths cost 15 % of a service's CPU on every line (docs/benchmarks.md).
 */
export function redactLogObject<T>(value: T, depth = 0, parentKey?: string): T {
  if (depth >= REDACT_DEPTH || typeof value !== 'object' || value === null) return value;
  // Requests, responses and other streams go to their serializers untouched; errors to serializeError.
  if (value instanceof Date || value instanceof Error || value instanceof EventEmitter || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => redactLogObject(item, depth + 1, parentKey)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const secret = REDACTED.has(key) || (parentKey === 'headers' && SECRET_HEADER_NAMES.has(key.toLowerCase()));
    copy[key] = secret ? CENSOR : redactLogObject(child, depth + 1, key);
  }
  return copy as T;
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

/** Ids of the current request or message and of the active span, added to every line. */
export function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const ctx = RequestContext.current();
  if (ctx) {
    fields['requestId'] = ctx.requestId;
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
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactLogObject(object),
      bindings: (bindings) => redactLogObject(bindings),
    },
    mixin: contextFields,
    serializers: { err: serializeError, error: serializeError },
  };
}
