export { addDays, chinaDateOf, civilDateOf, dayNumber, InvalidCivilDateError, weekdayOf, type CivilDate } from './civil-date';
export { CHINA_HOLIDAY_ARRANGEMENTS, type HolidayArrangement } from './holiday-arrangements';
export { CalendarError, WorkingCalendar, type CalendarErrorCode, type PausedDays } from './working-calendar';
