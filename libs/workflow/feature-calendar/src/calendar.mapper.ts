import type { StoredHolidayArrangement } from '@onewindow/workflow/data-access';
import type { HolidayArrangementResponse } from './calendar.dto';

export function toArrangementResponse(stored: StoredHolidayArrangement): HolidayArrangementResponse {
  return {
    year: stored.year,
    status: stored.status,
    source: stored.source,
    holidays: stored.holidays.map((h) => ({ name: h.name, days: [...h.days] })),
    workingWeekendDays: [...stored.workingWeekendDays],
    updatedAt: stored.updatedAt.toISOString(),
  };
}
