import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The caller's address as Fastify resolved it (X-Forwarded-For only from trusted proxies). */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<{ ip?: string }>();
  return request.ip ?? 'unknown';
});
