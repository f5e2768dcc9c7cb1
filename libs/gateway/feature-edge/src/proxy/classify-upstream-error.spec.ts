import { classifyUpstreamError } from './edge-proxy';

const error = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('classifyUpstreamError', () => {
  it('reads timeouts (504) from reply-from and undici codes', () => {
    expect(classifyUpstreamError(error('FST_REPLY_FROM_GATEWAY_TIMEOUT'))).toBe('timeout');
    expect(classifyUpstreamError(error('UND_ERR_CONNECT_TIMEOUT'))).toBe('timeout');
    expect(classifyUpstreamError(error('FST_REPLY_FROM_INTERNAL_SERVER_ERROR', error('UND_ERR_HEADERS_TIMEOUT')))).toBe('timeout');
  });

  it('reads an unresolvable host as unavailable (503)', () => {
    expect(classifyUpstreamError(error('FST_REPLY_FROM_SERVICE_UNAVAILABLE', error('ENOTFOUND')))).toBe('unavailable');
  });

  it('reads refused and reset connections, and anything unknown, as unreachable (502)', () => {
    expect(classifyUpstreamError(error('FST_REPLY_FROM_INTERNAL_SERVER_ERROR', error('ECONNREFUSED')))).toBe('refused');
    expect(classifyUpstreamError(error('ECONNRESET'))).toBe('refused');
    expect(classifyUpstreamError(new Error('strange'))).toBe('refused');
  });

  it('reads a request undici refuses to send as the request’s fault, not the upstream’s', () => {
    expect(classifyUpstreamError(error('FST_REPLY_FROM_INTERNAL_SERVER_ERROR', error('UND_ERR_INVALID_ARG')))).toBe('invalid-request');
  });
});
