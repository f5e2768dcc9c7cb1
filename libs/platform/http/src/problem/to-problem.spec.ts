import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { DomainException } from './domain-exception';
import { problemType } from './problem-details';
import { toProblem } from './to-problem';

enum LicenceExceptionCode {
  LICENCE_REVOKED = 'LICENCE_REVOKED',
  LICENCE_NOT_FOUND = 'LICENCE_NOT_FOUND',
}

const STATUS: Record<LicenceExceptionCode, number> = {
  [LicenceExceptionCode.LICENCE_REVOKED]: 410,
  [LicenceExceptionCode.LICENCE_NOT_FOUND]: 404,
};

class LicenceException extends DomainException<LicenceExceptionCode> {
  constructor(code: LicenceExceptionCode, detail: string) {
    super(code, STATUS[code], detail);
  }
}

const request = { instance: '/licences/L-1', requestId: 'req-0001' };

describe('problemType', () => {
  it('builds a stable URI from the kebab-cased code', () => {
    expect(problemType('CASE_ALREADY_CONCLUDED')).toBe(
      'https://onewindow.gov.cn/problems/case-already-concluded',
    );
  });
});

describe('toProblem', () => {
  it('maps a domain exception to its own status, code and detail', () => {
    const result = toProblem(
      new LicenceException(LicenceExceptionCode.LICENCE_REVOKED, 'Licence L-1 was revoked'),
      request,
    );
    expect(result).toEqual({
      status: 410,
      headers: {},
      unexpected: false,
      body: {
        type: 'https://onewindow.gov.cn/problems/licence-revoked',
        title: 'Gone',
        status: 410,
        detail: 'Licence L-1 was revoked',
        instance: '/licences/L-1',
        code: 'LICENCE_REVOKED',
        requestId: 'req-0001',
      },
    });
  });

  it('names the concrete domain exception class', () => {
    expect(new LicenceException(LicenceExceptionCode.LICENCE_NOT_FOUND, 'x').name).toBe('LicenceException');
  });

  it('derives the code of a Nest HttpException from its status and keeps its message as detail', () => {
    const { status, body } = toProblem(new NotFoundException('Cannot GET /x'), request);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'NOT_FOUND', title: 'Not Found', detail: 'Cannot GET /x' });
  });

  it('keeps a stable code, detail and extension members an HttpException body carries', () => {
    const exception = new ServiceUnavailableException({
      code: 'NOT_READY',
      detail: 'Not ready: redis',
      checks: [{ name: 'redis' }],
    });
    const { body } = toProblem(exception, request);
    expect(body).toMatchObject({
      code: 'NOT_READY',
      detail: 'Not ready: redis',
      checks: [{ name: 'redis' }],
      status: 503,
    });
    expect(body).not.toHaveProperty('statusCode');
    expect(body).not.toHaveProperty('message');
  });

  it('ignores a code that is not UPPER_SNAKE', () => {
    expect(toProblem(new BadRequestException({ code: 'oops', message: 'bad' }), request).body.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('joins a list of messages into the detail', () => {
    expect(toProblem(new BadRequestException(['a is wrong', 'b is wrong']), request).body.detail).toBe(
      'a is wrong; b is wrong',
    );
  });

  it('sets Retry-After from a 429 body', () => {
    const result = toProblem(new HttpException({ message: 'Slow down', retryAfter: 12 }, 429), request);
    expect(result.headers).toEqual({ 'retry-after': '12' });
    expect(result.body.code).toBe('TOO_MANY_REQUESTS');
  });

  it('maps Fastify body errors that reach it unconverted', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    const badJson = Object.assign(new Error('Body is not valid JSON'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(toProblem(tooLarge, request)).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE' },
      unexpected: false,
    });
    expect(toProblem(badJson, request)).toMatchObject({
      status: 400,
      body: { code: 'MALFORMED_JSON' },
      unexpected: false,
    });
  });

  it('turns any other error into a generic 500 without its message', () => {
    const result = toProblem(new Error('password authentication failed for user "workflow"'), request);
    expect(result.unexpected).toBe(true);
    expect(result.status).toBe(500);
    expect(result.body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(result.body)).not.toContain('password');
  });

  it('treats a thrown InternalServerErrorException and non-errors as unexpected too', () => {
    expect(toProblem(new InternalServerErrorException('db pool exhausted'), request)).toMatchObject({
      unexpected: true,
      body: { detail: expect.not.stringContaining('db pool') },
    });
    expect(toProblem('a string', request).unexpected).toBe(true);
    expect(toProblem({ statusCode: 400, code: 'ECONNRESET' }, request).unexpected).toBe(true);
  });

  it('omits requestId and errors when there are none', () => {
    const { body } = toProblem(new NotFoundException(), { instance: '/x' });
    expect(body).not.toHaveProperty('requestId');
    expect(body).not.toHaveProperty('errors');
  });
});
