export { RedisClient, REDIS_CLIENT_OPTIONS, reconnectDelay } from './redis-client';
export { RedisModule } from './redis.module';
export { RedisReadiness } from './redis-readiness';
export { RedisScript } from './redis-script';
