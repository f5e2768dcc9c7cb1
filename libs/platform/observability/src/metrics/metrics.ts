import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const HTTP_SERVER_REQUEST_DURATION = 'http_server_request_duration_seconds';

/** Seconds; the boundaries OpenTelemetry recommends for HTTP server durations. */
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export type HttpDurationLabel = 'method' | 'route' | 'status';

export interface MetricOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface GaugeOptions<L extends string> extends MetricOptions<L> {
  /** Called on every scrape to set the value(s) from their source, e.g. a count in the database. */
  collect?: (gauge: Gauge<L>) => void | Promise<void>;
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  buckets?: number[];
}

type MetricClass = typeof Counter | typeof Gauge | typeof Histogram;

let processRegistry: Registry | undefined;

/** One registry per process, with Node.js and process default metrics, shared by every `Metrics`. */
export function metricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * Get-or-create access to the process's Prometheus metrics, so libraries can declare the metrics they
 * record (outbox lag, relay published, consumer processed/failed) without coordinating registration.
 */
@Injectable()
export class Metrics {
  readonly registry: Registry = metricsRegistry();

  /** Adds `service` to every series of the process. */
  setServiceLabel(service: string): void {
    this.registry.setDefaultLabels({ service });
  }

  counter<L extends string = never>(options: MetricOptions<L>): Counter<L> {
    return this.getOrCreate(Counter, options, () => new Counter<L>(this.configure(options)));
  }

  gauge<L extends string = never>(options: GaugeOptions<L>): Gauge<L> {
    const { collect } = options;
    return this.getOrCreate(
      Gauge,
      options,
      () =>
        new Gauge<L>({
          ...this.configure(options),
          ...(collect
            ? {
                collect(this: Gauge<L>) {
                  return collect(this);
                },
              }
            : {}),
        }),
    );
  }

  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    return this.getOrCreate(
      Histogram,
      options,
      () =>
        new Histogram<L>({
          ...this.configure(options),
          ...(options.buckets ? { buckets: options.buckets } : {}),
        }),
    );
  }

  /** Duration of each HTTP request by method, route template (never the raw path) and status code. */
  httpServerRequestDuration(): Histogram<HttpDurationLabel> {
    return this.histogram<HttpDurationLabel>({
      name: HTTP_SERVER_REQUEST_DURATION,
      help: 'Duration of HTTP server requests in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
    });
  }

  private configure<L extends string>(options: MetricOptions<L>) {
    return {
      name: options.name,
      help: options.help,
      labelNames: options.labelNames ?? [],
      registers: [this.registry],
    };
  }

  private getOrCreate<M, L extends string>(cls: MetricClass, options: MetricOptions<L>, create: () => M): M {
    const existing = this.registry.getSingleMetric(options.name);
    if (!existing) return create();
    if (!(existing instanceof cls)) {
      throw new Error(
        `Metric ${options.name} is already registered as a ${existing.constructor.name}, not a ${cls.name}`,
      );
    }
    // prom-client keeps the label names on the instance without declaring them in its types.
    const registered = [...((existing as unknown as { labelNames?: string[] }).labelNames ?? [])].sort();
    const requested = [...(options.labelNames ?? [])].sort();
    if (registered.join() !== requested.join()) {
      throw new Error(
        `Metric ${options.name} is already registered with labels [${registered.join(', ')}], not [${requested.join(', ')}]`,
      );
    }
    return existing as M;
  }
}
