import { EdgeCacheStore } from './edge-cache-store';

const answer = (keys: string[], body = '{"ok":true}') => ({ headers: { etag: '"e"' }, body: Buffer.from(body), surrogateKeys: keys });

describe('EdgeCacheStore', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('serves a stored answer until its max-age passes', () => {
    const store = new EdgeCacheStore(1024 * 1024, now);
    expect(store.store('catalog /public/items/1', store.epoch, answer(['catalog-public']), 300)).toBe(true);
    clock += 299_000;
    expect(store.get('catalog /public/items/1')?.body.toString()).toBe('{"ok":true}');
    clock += 2_000;
    expect(store.get('catalog /public/items/1')).toBeUndefined();
  });

  it('purges only the answers stored under the purged key', () => {
    const store = new EdgeCacheStore(1024 * 1024, now);
    store.store('a', store.epoch, answer(['catalog-public']), 300);
    store.store('b', store.epoch, answer(['other']), 300);
    expect(store.purge('catalog-public')).toBe(1);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeDefined();
  });

  it('does not store an answer fetched before a purge that happened while it was in flight', () => {
    const store = new EdgeCacheStore(1024 * 1024, now);
    const epochAtRequest = store.epoch;
    store.purge('catalog-public');
    expect(store.store('a', epochAtRequest, answer(['catalog-public']), 300)).toBe(false);
    expect(store.get('a')).toBeUndefined();
    const afterClear = store.epoch;
    store.clear();
    expect(store.store('a', afterClear, answer(['catalog-public']), 300)).toBe(false);
  });

  it('stays within its byte budget by dropping the least recently used answers', () => {
    const store = new EdgeCacheStore(4_000, now);
    const body = 'x'.repeat(1_000);
    for (const key of ['k1', 'k2', 'k3']) store.store(key, store.epoch, answer(['p'], body), 300);
    store.get('k1');
    store.store('k4', store.epoch, answer(['p'], body), 300);
    expect(store.get('k2')).toBeUndefined();
    expect(store.get('k1')).toBeDefined();
    expect(store.get('k4')).toBeDefined();
    expect(store.store('huge', store.epoch, answer(['p'], 'y'.repeat(10_000)), 300)).toBe(false);
  });
});
