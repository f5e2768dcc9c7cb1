import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@onewindow/platform/observability';
import { RedisClient } from './redis-client';

/** Ready when the shared connection is up and answers PING; fails at once while it is reconnecting. */
@Injectable()
export class RedisReadiness implements ReadinessCheck {
  readonly name = 'redis';

  constructor(private readonly client: RedisClient) {}

  async check(): Promise<void> {
    if (this.client.status !== 'ready') {
      const cause = this.client.lastError ? `: ${this.client.lastError.message}` : '';
      throw new Error(`Redis is not connected (${this.client.status})${cause}`);
    }
    const reply = await this.client.ping();
    if (reply !== 'PONG') throw new Error(`Redis answered PING with ${reply}`);
  }
}
