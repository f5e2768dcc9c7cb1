import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainException } from './domain-exception';
import { FieldError, ProblemDetails, problemType } from './problem-details';

export interface ProblemResponse {
  status: number;
  body: ProblemDetails;
  headers: Record<string, string>;
  /** Not a deliberate client-facing error: the caller logs it, the client gets a generic 500. */
  unexpected: boolean;
}

export interface ProblemRequest {
  instance: string;
  requestId?: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH_REQUIRED',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** Fastify's own request errors, raised before a handler runs. */
const FASTIFY_ERRORS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    detail: 'The request body is larger than this endpoint accepts',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'The request body has a media type this endpoint does not accept',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    detail: 'The request body is empty but its content type is JSON',
  },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', detail: 'The request path is not a valid URL (malformed percent-encoding)' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST', detail: 'The request could not be routed' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    detail: 'The request body does not match its Content-Length',
  },
};

const UNEXPECTED_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

/** Members Nest puts in a default HttpException body, or that the problem body owns. */
const NOT_EXTENSIONS = new Set([
  'statusCode',
  'error',
  'message',
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'code',
  'requestId',
  'errors',
]);

const STABLE_CODE = /^[A-Z][A-Z0-9_]*$/;

export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? `HTTP_${status}`;
}

function problem(
  status: number,
  code: string,
  detail: string,
  request: ProblemRequest,
  extra: { errors?: readonly FieldError[]; extensions?: Record<string, unknown> } = {},
): ProblemDetails {
  const body: ProblemDetails = {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.instance,
    code,
  };
  if (request.requestId) body.requestId = request.requestId;
  if (extra.errors && extra.errors.length > 0) body.errors = [...extra.errors];
  return { ...body, ...extra.extensions };
}

function isFieldErrors(value: unknown): value is FieldError[] {
  return (
    Array.isArray(value) &&
    value.every(
      (e) =>
        typeof e === 'object' && e !== null && typeof e.field === 'string' && typeof e.reason === 'string',
    )
  );
}

function fromHttpException(exception: HttpException, request: ProblemRequest): ProblemResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const members: Record<string, unknown> =
    typeof response === 'object' && response !== null ? { ...response } : {};
  const code =
    typeof members['code'] === 'string' && STABLE_CODE.test(members['code'])
      ? members['code']
      : codeForStatus(status);
  const message = members['message'];
  const detail =
    typeof members['detail'] === 'string'
      ? members['detail']
      : typeof message === 'string'
        ? message
        : Array.isArray(message)
          ? message.join('; ')
          : typeof response === 'string'
            ? response
            : exception.message;
  const extensions = Object.fromEntries(Object.entries(members).filter(([key]) => !NOT_EXTENSIONS.has(key)));
  const headers: Record<string, string> = {};
  const retryAfter = members['retryAfter'];
  if (status === 429 && (typeof retryAfter === 'number' || typeof retryAfter === 'string')) {
    headers['retry-after'] = String(retryAfter);
  }
  const errors = isFieldErrors(members['errors']) ? members['errors'] : undefined;
  return {
    status,
    body: problem(status, code, detail, request, { errors, extensions }),
    headers,
    unexpected: false,
  };
}

function fastifyClientError(error: unknown): { status: number; code: string; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_')) return undefined;
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 499) return undefined;
  const known = FASTIFY_ERRORS[code];
  return known
    ? { status: statusCode, ...known }
    : {
        status: statusCode,
        code: codeForStatus(statusCode),
        detail: STATUS_CODES[statusCode] ?? 'Bad request',
      };
}

/**
 * Maps anything thrown while handling a request to a problem response. Only `DomainException`s, Nest
 * `HttpException`s (other than a bare 500) and Fastify's client errors reach the client with their
 * details; everything else becomes a generic 500 flagged `unexpected`.
 */
export function toProblem(error: unknown, request: ProblemRequest): ProblemResponse {
  if (error instanceof DomainException) {
    return {
      status: error.status,
      body: problem(error.status, error.code, error.detail, request, { errors: error.errors }),
      headers: {},
      unexpected: false,
    };
  }
  if (error instanceof HttpException && error.getStatus() !== 500) return fromHttpException(error, request);
  const client = fastifyClientError(error);
  if (client)
    return {
      status: client.status,
      body: problem(client.status, client.code, client.detail, request),
      headers: {},
      unexpected: false,
    };
  return {
    status: 500,
    body: problem(500, 'INTERNAL_ERROR', UNEXPECTED_DETAIL, request),
    headers: {},
    unexpected: true,
  };
}
