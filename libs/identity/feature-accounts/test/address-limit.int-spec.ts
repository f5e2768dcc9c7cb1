import { IdentityHarness, newPhone, testAddress } from './harness';

// A file of its own: Passport strategies are process-global, so one identity app per test file.
describe('identity: attempts per client address', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await IdentityHarness.start({ LOGIN_ADDRESS_MAX_ATTEMPTS: '5' });
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('refuses the attempt past the budget of one address with 429 and Retry-After, while other addresses go on', async () => {
    const address = testAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await identity.request('POST', '/sessions', { payload: { phone: newPhone(), password: 'Wrong-password-1' }, address });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const elsewhere = await identity.request('POST', '/sessions', { payload: { phone: newPhone(), password: 'Wrong-password-1' }, address: testAddress() });
    expect(elsewhere.statusCode).toBe(401);
  });
});
