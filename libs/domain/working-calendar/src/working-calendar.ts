import { CivilDate, civilDateOf, dayNumber, weekdayOf } from './civil-date';
import type { HolidayArrangement } from './holiday-arrangements';

/** Days on which a time limit stands still (supplement, expert review, hearing): `from` to `to`, both included. */
export interface PausedDays {
  from: CivilDate;
  to: CivilDate;
}

export type CalendarErrorCode = 'NOT_COVERED' | 'INVALID_ARRANGEMENT' | 'INVALID_ARGUMENT';

export class CalendarError extends Error {
  override name = 'CalendarError';

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Working days in China: Monday to Friday, except the holidays of the year's arrangement, plus the
 * weekend days the arrangement turns into working days. Only years with an arrangement are covered;
 * a computation that reaches any other year fails instead of guessing.
 */
export class WorkingCalendar {
  private readonly holidays = new Set<number>();
  private readonly workingWeekendDays = new Set<number>();
  private readonly years = new Set<number>();

  constructor(arrangements: readonly HolidayArrangement[]) {
    for (const arrangement of arrangements) {
      if (this.years.has(arrangement.year)) {
        throw new CalendarError('INVALID_ARRANGEMENT', `Year ${arrangement.year} is arranged twice`);
      }
      this.years.add(arrangement.year);
      for (const holiday of arrangement.holidays) {
        for (const date of holiday.days) this.holidays.add(this.dayIn(arrangement.year, date));
      }
      for (const date of arrangement.workingWeekendDays) {
        const day = this.dayIn(arrangement.year, date);
        const weekday = weekdayOf(day);
        if (weekday !== 0 && weekday !== 6) {
          throw new CalendarError('INVALID_ARRANGEMENT', `${date} is listed as a working weekend day but is not a Saturday or Sunday`);
        }
        if (this.holidays.has(day)) {
          throw new CalendarError('INVALID_ARRANGEMENT', `${date} is listed both as a holiday and as a working day`);
        }
        this.workingWeekendDays.add(day);
      }
    }
  }

  covers(date: CivilDate): boolean {
    return this.years.has(Number(date.slice(0, 4))) && Number.isFinite(dayNumber(date));
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.isWorking(this.coveredDay(date));
  }

  /**
   * The due date of a limit of `days` working days counted from the day after `start` (the day of
   * acceptance does not count), skipping paused days. `days` 0 is `start` itself.
   */
  addWorkingDays(start: CivilDate, days: number, pauses: readonly PausedDays[] = []): CivilDate {
    if (!Number.isInteger(days) || days < 0) {
      throw new CalendarError('INVALID_ARGUMENT', `A time limit must be a whole number of working days, not ${days}`);
    }
    const paused = this.pausedDays(pauses);
    let day = this.coveredDay(start);
    for (let counted = 0; counted < days; ) {
      day = this.coveredDay(civilDateOf(day + 1));
      if (this.isWorking(day) && !paused.has(day)) counted++;
    }
    return civilDateOf(day);
  }

  /** Working days after `from` up to and including `to`, paused days excluded; 0 when `to` is not after `from`. */
  workingDaysBetween(from: CivilDate, to: CivilDate, pauses: readonly PausedDays[] = []): number {
    const paused = this.pausedDays(pauses);
    const first = this.coveredDay(from);
    const last = this.coveredDay(to);
    let count = 0;
    for (let day = first + 1; day <= last; day++) {
      if (this.isWorking(this.coveredDay(civilDateOf(day))) && !paused.has(day)) count++;
    }
    return count;
  }

  private isWorking(day: number): boolean {
    if (this.holidays.has(day)) return false;
    if (this.workingWeekendDays.has(day)) return true;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  private pausedDays(pauses: readonly PausedDays[]): Set<number> {
    const days = new Set<number>();
    for (const pause of pauses) {
      const from = dayNumber(pause.from);
      const to = dayNumber(pause.to);
      if (to < from) throw new CalendarError('INVALID_ARGUMENT', `A pause cannot end (${pause.to}) before it starts (${pause.from})`);
      for (let day = from; day <= to; day++) days.add(day);
    }
    return days;
  }

  private coveredDay(date: CivilDate): number {
    const day = dayNumber(date);
    if (!this.years.has(Number(date.slice(0, 4)))) {
      throw new CalendarError('NOT_COVERED', `The working-day calendar has no holiday arrangement for ${date.slice(0, 4)}`);
    }
    return day;
  }

  private dayIn(year: number, date: CivilDate): number {
    const day = dayNumber(date);
    if (Number(date.slice(0, 4)) !== year) {
      throw new CalendarError('INVALID_ARRANGEMENT', `${date} is listed in the arrangement of ${year}`);
    }
    return day;
  }
}
