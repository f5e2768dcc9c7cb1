import { challengeMessage, createChallenge, MAX_CHALLENGE_TTL_SECONDS } from './challenge';

describe('createChallenge', () => {
  const now = new Date('2026-11-29T12:00:00Z');

  it('gives a fresh 256-bit nonce and an expiry two minutes out by default', () => {
    const challenges = Array.from({ length: 50 }, () => createChallenge({ now }));
    expect(new Set(challenges.map((c) => c.nonce)).size).toBe(50);
    expect(new Set(challenges.map((c) => c.id)).size).toBe(50);
    for (const challenge of challenges) {
      expect(Buffer.from(challenge.nonce, 'base64url')).toHaveLength(32);
      expect(challenge.issuedAt).toEqual(now);
      expect(challenge.expiresAt).toEqual(new Date('2026-11-29T12:02:00Z'));
    }
  });

  it('takes a lifetime of 1 to 600 seconds and refuses anything else', () => {
    expect(createChallenge({ now, ttlSeconds: MAX_CHALLENGE_TTL_SECONDS }).expiresAt).toEqual(
      new Date('2026-11-29T12:10:00Z'),
    );
    for (const ttlSeconds of [0, -5, 601, 1.5, Number.NaN]) {
      expect(() => createChallenge({ now, ttlSeconds })).toThrow(RangeError);
    }
  });

  it('signs a message that names the purpose, the challenge and its expiry', () => {
    const challenge = createChallenge({ now });
    expect(challengeMessage(challenge)).toBe(
      `onewindow-certificate-login:v1:${challenge.id}:${challenge.nonce}:2026-11-29T12:02:00.000Z`,
    );
  });
});
