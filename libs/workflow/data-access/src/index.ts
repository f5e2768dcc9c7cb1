export {
  AppointmentRepository,
  type Appointment,
  type AppointmentSlot,
  type BookingRefusal,
  type NewSlot,
} from './appointment.repository';
export { AuditTrailRepository, type NewAuditAct } from './audit-trail.repository';
export { HolidayArrangementRepository, type StoredHolidayArrangement } from './holiday-arrangement.repository';
import { WorkflowCalendarAndAudit1764403200000 } from './migrations/1764403200000-workflow-calendar-and-audit';
import { WorkflowAppointments1764489600001 } from './migrations/1764489600001-workflow-appointments';

/** The workflow service's migrations, in order (the platform's outbox and inbox come first). */
export const workflowMigrations = [WorkflowCalendarAndAudit1764403200000, WorkflowAppointments1764489600001];
