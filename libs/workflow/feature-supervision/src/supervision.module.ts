import { DynamicModule, Module } from '@nestjs/common';
import { ApplicationRepository, SupervisionRepository } from '@onewindow/workflow/data-access';
import { SupervisionController } from './supervision.controller';
import { SUPERVISION_OPTIONS, SupervisionOptions, SupervisionScheduler } from './supervision.scheduler';
import { SupervisionService } from './supervision.service';

@Module({})
export class SupervisionModule {
  static register(options: SupervisionOptions = {}): DynamicModule {
    return {
      module: SupervisionModule,
      controllers: [SupervisionController],
      providers: [
        { provide: SUPERVISION_OPTIONS, useValue: options },
        SupervisionService,
        SupervisionScheduler,
        SupervisionRepository,
        ApplicationRepository,
      ],
      exports: [SupervisionScheduler],
    };
  }
}
