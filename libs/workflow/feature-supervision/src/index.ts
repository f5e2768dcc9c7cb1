export { SupervisionModule } from './supervision.module';
export { SupervisionScheduler, type SupervisionOptions } from './supervision.scheduler';
export { SupervisionService } from './supervision.service';
