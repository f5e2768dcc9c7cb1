import { Counter, Histogram } from 'prom-client';
import { HTTP_SERVER_REQUEST_DURATION, Metrics } from './metrics';

describe('Metrics', () => {
  const metrics = new Metrics();

  it('returns the same counter to every caller asking for one name', () => {
    const first = metrics.counter({
      name: 'relay_published_total',
      help: 'Events published',
      labelNames: ['topic'],
    });
    const second = metrics.counter({
      name: 'relay_published_total',
      help: 'Events published',
      labelNames: ['topic'],
    });
    expect(second).toBe(first);
    expect(first).toBeInstanceOf(Counter);
  });

  it('shares one registry between instances', () => {
    const histogram = new Metrics().histogram({ name: 'outbox_lag_seconds', help: 'Outbox lag' });
    expect(metrics.histogram({ name: 'outbox_lag_seconds', help: 'Outbox lag' })).toBe(histogram);
    expect(histogram).toBeInstanceOf(Histogram);
  });

  it('refuses a name already used by another kind of metric', () => {
    metrics.gauge({ name: 'consumer_lag', help: 'Lag' });
    expect(() => metrics.counter({ name: 'consumer_lag', help: 'Lag' })).toThrow(
      /already registered as a Gauge/,
    );
  });

  it('refuses a name already used with other labels', () => {
    metrics.counter({ name: 'consumer_processed_total', help: 'Processed', labelNames: ['topic'] });
    expect(() =>
      metrics.counter({ name: 'consumer_processed_total', help: 'Processed', labelNames: ['topic', 'type'] }),
    ).toThrow(/labels \[topic\], not \[topic, type\]/);
  });

  it('exposes default process metrics and the service label on every series', async () => {
    metrics.setServiceLabel('payments');
    metrics.httpServerRequestDuration().observe({ method: 'GET', route: '/orders/:id', status: '200' }, 0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    const bucket = text
      .split('\n')
      .find(
        (line) => line.startsWith(`${HTTP_SERVER_REQUEST_DURATION}_bucket{`) && line.includes('le="0.025"'),
      );
    for (const label of ['service="payments"', 'method="GET"', 'route="/orders/:id"', 'status="200"']) {
      expect(bucket).toContain(label);
    }
    expect(bucket).toMatch(/ 1$/);
  });
});
