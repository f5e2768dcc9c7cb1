export { AppointmentsModule } from './appointments.module';
export { AppointmentException, AppointmentExceptionCode } from './appointment.exception';
export { WINDOW_CATEGORIES, type WindowCategory } from './appointment.dto';
