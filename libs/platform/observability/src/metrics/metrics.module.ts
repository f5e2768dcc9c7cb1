import { Global, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';

/** `GET /metrics` in Prometheus text format and the `Metrics` service, labelled with SERVICE_NAME. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics],
  exports: [Metrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig<PlatformConfig>,
  ) {}

  onModuleInit(): void {
    this.metrics.setServiceLabel(this.config.get('SERVICE_NAME'));
  }
}
