import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HEALTH_MODULE_OPTIONS, HealthModuleOptions, ReadinessService } from './readiness.service';

@Module({})
export class HealthModule {
  /** `GET /health/live` and `GET /health/ready` running the given checks. */
  static register(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [
        TerminusModule.forRoot({ logger: false, gracefulShutdownTimeoutMs: options.drainDelayMs ?? 0 }),
      ],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_MODULE_OPTIONS, useValue: options }, ReadinessService],
    };
  }
}
