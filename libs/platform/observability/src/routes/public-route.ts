import { CustomDecorator, SetMetadata } from '@nestjs/common';

/**
 * Metadata key of routes that need no access token. The platform's own routes (probes, metrics) carry
 * it; `@onewindow/platform/auth` reads it in its global guard and re-exports the decorator as `@Public()`.
 */
export const PUBLIC_ROUTE_KEY = 'onewindow:auth:public';

export const PublicRoute = (): CustomDecorator<string> => SetMetadata(PUBLIC_ROUTE_KEY, true);
