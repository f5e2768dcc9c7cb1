import { Module } from '@nestjs/common';
import {
  ApplicationRepository,
  AuditTrailRepository,
  CatalogCopyRepository,
  EvaluationRepository,
  HolidayArrangementRepository,
} from '@onewindow/workflow/data-access';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CatalogItemsConsumer } from './catalog-items.consumer';

/** Cases: single-window intake, parallel department review, decisions, delivery and the audit trail. */
@Module({
  controllers: [ApplicationsController, CatalogItemsConsumer],
  providers: [ApplicationsService, ApplicationRepository, AuditTrailRepository, CatalogCopyRepository, HolidayArrangementRepository, EvaluationRepository],
})
export class ApplicationsModule {}
