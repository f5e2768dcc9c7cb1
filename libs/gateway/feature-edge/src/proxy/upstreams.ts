import { Injectable } from '@nestjs/common';
import { CircuitBreaker, ROUTED_SERVICES, RoutedService } from '@onewindow/gateway/domain';
import { AppConfig } from '@onewindow/platform/config';
import { GatewayConfig, UPSTREAM_VARIABLE } from '../gateway.config';

export interface Upstream {
  readonly service: RoutedService;
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** This replica's view of the upstream's health. */
  readonly circuit: CircuitBreaker;
}

/** The owning service of each `/api/v1/<service>` prefix, from the UPSTREAM_*_URL variables. */
@Injectable()
export class Upstreams {
  private readonly byService: ReadonlyMap<RoutedService, Upstream>;

  constructor(config: AppConfig<GatewayConfig>) {
    const breaker = { failureThreshold: config.get('CIRCUIT_FAILURE_THRESHOLD'), openMs: config.get('CIRCUIT_OPEN_MS') };
    this.byService = new Map(
      ROUTED_SERVICES.map((service) => [
        service,
        { service, url: config.get(UPSTREAM_VARIABLE[service]).replace(/\/+$/, ''), circuit: new CircuitBreaker(breaker) },
      ]),
    );
  }

  get(service: RoutedService): Upstream {
    const upstream = this.byService.get(service);
    if (!upstream) throw new Error(`No upstream for ${service}`);
    return upstream;
  }

  all(): Upstream[] {
    return [...this.byService.values()];
  }
}
