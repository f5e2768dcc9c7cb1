import { reconnectDelay } from './redis-client';

describe('reconnectDelay', () => {
  it('starts at 100 ms and doubles', () => {
    expect([1, 2, 3, 4].map(reconnectDelay)).toEqual([100, 200, 400, 800]);
  });

  it('never gives up and never waits more than 3 s', () => {
    for (const attempt of [6, 10, 100, 10_000]) {
      expect(reconnectDelay(attempt)).toBe(3000);
    }
  });
});
