export { AuditTrailRepository, type NewAuditAct } from './audit-trail.repository';
export { HolidayArrangementRepository, type StoredHolidayArrangement } from './holiday-arrangement.repository';
export { WorkflowCalendarAndAudit1764403200000 } from './migrations/1764403200000-workflow-calendar-and-audit';

import { WorkflowCalendarAndAudit1764403200000 } from './migrations/1764403200000-workflow-calendar-and-audit';

/** The workflow service's migrations, in order (the platform's outbox and inbox come first). */
export const workflowMigrations = [WorkflowCalendarAndAudit1764403200000];
