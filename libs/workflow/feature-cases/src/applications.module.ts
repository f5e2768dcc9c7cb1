import { Module } from '@nestjs/common';
import {
  ApplicationRepository,
  AuditTrailRepository,
  CatalogCopyRepository,
  EvaluationRepository,
  HolidayArrangementRepository,
  TimeLimitRepository,
} from '@onewindow/workflow/data-access';
import { MaterialsModule } from '@onewindow/workflow/feature-materials';
import { ApplicationsController } from './applications.controller';
import { WorkingCalendarProvider } from './working-calendar.provider';
import { ApplicationsService } from './applications.service';
import { CaseChanges } from './case-changes';
import { TimeLimitsService } from './time-limits.service';
import { CatalogItemsConsumer } from './catalog-items.consumer';
import { DepartmentCommandsConsumer } from './department-commands.consumer';

/** Cases: single-window intake, parallel department review, decisions, delivery and the audit trail. */
@Module({
  imports: [MaterialsModule],
  controllers: [ApplicationsController, CatalogItemsConsumer, DepartmentCommandsConsumer],
  providers: [ApplicationsService, ApplicationRepository, AuditTrailRepository, CatalogCopyRepository, HolidayArrangementRepository, EvaluationRepository,
    TimeLimitRepository, WorkingCalendarProvider, CaseChanges, TimeLimitsService],
})
export class ApplicationsModule {}
