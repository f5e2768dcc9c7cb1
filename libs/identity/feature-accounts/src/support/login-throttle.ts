import { Injectable } from '@nestjs/common';
import { IdentityConfig } from '@onewindow/identity/data-access';
import { AppConfig } from '@onewindow/platform/config';
import { RedisClient } from '@onewindow/platform/redis';
import { ThrottleCode, tooManyAttempts } from '../identity.exception';

const PREFIX = 'onewindow:identity:throttle:';

/** Counts one hit and starts the window on the first; returns the count and the window's remaining ms. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`;

/**
 * Password-guessing defence in Redis, shared by every replica (ADR 0016): attempts per client address
 * per window, and per login identifier (keyed hash, so unknown identifiers are throttled exactly like
 * known ones) a lockout after LOGIN_MAX_FAILURES failures in a row.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  /** Counts an attempt from the address; 429 once the window's budget is spent. */
  async hitAddress(address: string): Promise<void> {
    const windowMs = this.config.get('LOGIN_ADDRESS_WINDOW_SECONDS') * 1000;
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, `${PREFIX}address:${address}`, windowMs)) as [number, number];
    if (count > this.config.get('LOGIN_ADDRESS_MAX_ATTEMPTS')) {
      throw tooManyAttempts(ThrottleCode.TOO_MANY_ATTEMPTS, 'Too many attempts from this address; try again later.', ttl / 1000);
    }
  }

  async assertNotLocked(subject: string): Promise<void> {
    const ttl = await this.redis.pttl(`${PREFIX}locked:${subject}`);
    if (ttl > 0) {
      throw tooManyAttempts(ThrottleCode.ACCOUNT_LOCKED, 'Too many failed logins; the account is locked for a while.', ttl / 1000);
    }
  }

  /** Records a failed password; the failure that reaches the limit locks the identifier. */
  async recordFailure(subject: string): Promise<void> {
    const lockoutMs = this.config.get('LOGIN_LOCKOUT_SECONDS') * 1000;
    const [count] = (await this.redis.eval(HIT_SCRIPT, 1, `${PREFIX}failures:${subject}`, lockoutMs)) as [number, number];
    if (count >= this.config.get('LOGIN_MAX_FAILURES')) {
      await this.redis.multi().set(`${PREFIX}locked:${subject}`, '1', 'PX', lockoutMs).del(`${PREFIX}failures:${subject}`).exec();
    }
  }

  async recordSuccess(subject: string): Promise<void> {
    await this.redis.del(`${PREFIX}failures:${subject}`);
  }
}
