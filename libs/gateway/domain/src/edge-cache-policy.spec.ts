import { edgeCacheKey, edgeStorability, storedHeaders } from './edge-cache-policy';

const publicAnswer = {
  'content-type': 'application/json; charset=utf-8',
  etag: '"abc"',
  'cache-control': 'public, no-cache',
  vary: 'accept-encoding',
  'surrogate-control': 'max-age=300',
  'surrogate-key': 'catalog-public',
};

describe('edgeCacheKey', () => {
  it('keys an anonymous GET by service, path and query', () => {
    expect(edgeCacheKey('GET', 'catalog', '/public/items', '?q=%E8%90%A5', {})).toBe('catalog /public/items?q=%E8%90%A5');
  });

  it('never shares an answer given to a caller who identified themselves', () => {
    expect(edgeCacheKey('GET', 'catalog', '/public/items', '', { authorization: 'Bearer x' })).toBeUndefined();
    expect(edgeCacheKey('GET', 'catalog', '/public/items', '', { cookie: 'session=1' })).toBeUndefined();
  });

  it('leaves other methods and no-store requests to the upstream', () => {
    expect(edgeCacheKey('POST', 'catalog', '/public/items', '', {})).toBeUndefined();
    expect(edgeCacheKey('HEAD', 'catalog', '/public/items', '', {})).toBeUndefined();
    expect(edgeCacheKey('GET', 'catalog', '/public/items', '', { 'cache-control': 'no-store' })).toBeUndefined();
  });
});

describe('edgeStorability', () => {
  it('keeps a public answer for its surrogate max-age under its surrogate keys', () => {
    expect(edgeStorability(200, publicAnswer)).toEqual({ maxAgeSeconds: 300, surrogateKeys: ['catalog-public'] });
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-key': 'a  b' })?.surrogateKeys).toEqual(['a', 'b']);
  });

  it('refuses answers that are not a 200, private, no-store, cookie-setting or without an ETag', () => {
    expect(edgeStorability(404, publicAnswer)).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'cache-control': 'private' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'cache-control': 'public, no-store' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'set-cookie': 'a=b' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, etag: undefined })).toBeUndefined();
  });

  it('refuses answers the upstream did not mark for the edge, or that vary by more than encoding', () => {
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-control': undefined })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-control': 'max-age=0' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-control': 'max-age=abc' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-control': 'no-store, max-age=60' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, 'surrogate-key': ' ' })).toBeUndefined();
    expect(edgeStorability(200, { ...publicAnswer, vary: 'accept-encoding, authorization' })).toBeUndefined();
  });
});

describe('storedHeaders', () => {
  it('keeps the representation headers and drops the edge-only and per-request ones', () => {
    expect(storedHeaders({ ...publicAnswer, 'x-request-id': 'r1', 'content-length': '10' })).toEqual({
      'content-type': 'application/json; charset=utf-8',
      etag: '"abc"',
      'cache-control': 'public, no-cache',
      vary: 'accept-encoding',
    });
  });
});
