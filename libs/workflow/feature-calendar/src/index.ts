export { CalendarModule } from './calendar.module';
export { CalendarService } from './calendar.service';
export { CalendarException, CalendarExceptionCode } from './calendar.exception';
