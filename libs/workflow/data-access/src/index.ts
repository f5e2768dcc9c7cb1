export {
  AppointmentRepository,
  type Appointment,
  type AppointmentSlot,
  type BookingRefusal,
  type NewSlot,
} from './appointment.repository';
export {
  ApplicationRepository,
  type AlsoWrite,
  type Application,
  type ApplicationTask,
  type Channel,
} from './application.repository';
export { auditActOf, AuditTrailRepository, type AuditActor, type NewAuditAct } from './audit-trail.repository';
export { CatalogCopyRepository, type CurrentItem, type ItemVersionCopy } from './catalog-copy.repository';
export {
  SupervisionRepository,
  type CountRow,
  type ItemPerformance,
  type OverdueCase,
  type Signal,
  type SupervisionFilter,
} from './supervision.repository';
export { EvaluationRepository, type Evaluation } from './evaluation.repository';
export { applicationPolicy, scopeOf, type ApplicationAction } from './application.access';
export { MaterialRepository, type ApplicationMaterial, type ListedMaterial, type Upload } from './material.repository';
export { HolidayArrangementRepository, type StoredHolidayArrangement } from './holiday-arrangement.repository';
export {
  TimeLimitRepository,
  type ApplicationExtension,
  type ApplicationPause,
  type ExtensionStatus,
} from './time-limit.repository';
import { WorkflowCalendarAndAudit1764403200000 } from './migrations/1764403200000-workflow-calendar-and-audit';
import { WorkflowAppointments1764489600001 } from './migrations/1764489600001-workflow-appointments';
import { WorkflowApplications1764489600002 } from './migrations/1764489600002-workflow-applications';
import { WorkflowSupervision1764489600003 } from './migrations/1764489600003-workflow-supervision';
import { WorkflowEvaluations1764489600004 } from './migrations/1764489600004-workflow-evaluations';
import { WorkflowMaterials1764489600005 } from './migrations/1764489600005-workflow-materials';
import { WorkflowPausesExtensions1764489600006 } from './migrations/1764489600006-workflow-pauses-extensions';
import { WorkflowProcessStages1764489600007 } from './migrations/1764489600007-workflow-process-stages';
import { WorkflowAuditHead1764489600008 } from './migrations/1764489600008-workflow-audit-head';

/** The workflow service's migrations, in order (the platform's outbox and inbox come first). */
export const workflowMigrations = [
  WorkflowCalendarAndAudit1764403200000,
  WorkflowAppointments1764489600001,
  WorkflowApplications1764489600002,
  WorkflowSupervision1764489600003,
  WorkflowEvaluations1764489600004,
  WorkflowMaterials1764489600005,
  WorkflowPausesExtensions1764489600006,
  WorkflowProcessStages1764489600007,
  WorkflowAuditHead1764489600008,
];
