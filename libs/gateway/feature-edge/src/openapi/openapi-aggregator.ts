import { Injectable, Logger } from '@nestjs/common';
import { Json, mergeOpenApi, ServiceOpenApi } from '@onewindow/gateway/domain';
import { AppConfig } from '@onewindow/platform/config';
import { GatewayConfig } from '../gateway.config';
import { Upstream, Upstreams } from '../proxy/upstreams';

type JsonObject = { [key: string]: Json };

/**
 * The merged OpenAPI document of all services: each service's `/openapi.json` fetched in parallel,
 * merged (see mergeOpenApi) and kept for OPENAPI_CACHE_TTL_MS. Concurrent requests share one refresh;
 * a service that does not answer in OPENAPI_FETCH_TIMEOUT_MS is left out and listed in `x-unavailable`.
 */
@Injectable()
export class OpenApiAggregator {
  private readonly logger = new Logger(OpenApiAggregator.name);
  private cached: { document: JsonObject; at: number } | undefined;
  private refreshing: Promise<JsonObject> | undefined;

  constructor(
    private readonly upstreams: Upstreams,
    private readonly config: AppConfig<GatewayConfig>,
  ) {}

  async document(): Promise<JsonObject> {
    if (this.cached && Date.now() - this.cached.at < this.config.get('OPENAPI_CACHE_TTL_MS')) return this.cached.document;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<JsonObject> {
    const services: ServiceOpenApi[] = await Promise.all(
      this.upstreams.all().map(async (upstream) => ({ service: upstream.service, document: await this.fetchDocument(upstream) })),
    );
    const document = mergeOpenApi(services, {
      title: 'OneWindow API',
      version: '1',
      description:
        'Every OneWindow service behind the gateway. Paths are /api/v1/<service>/...; send `Authorization: Bearer <access token>` except on public routes. Errors are RFC 9457 problem+json.',
    });
    this.cached = { document, at: Date.now() };
    return document;
  }

  private async fetchDocument(upstream: Upstream): Promise<JsonObject | undefined> {
    try {
      const response = await fetch(`${upstream.url}/openapi.json`, {
        signal: AbortSignal.timeout(this.config.get('OPENAPI_FETCH_TIMEOUT_MS')),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as Json;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not a JSON object');
      return body;
    } catch (error) {
      this.logger.warn(`OpenAPI document of ${upstream.service} unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}
