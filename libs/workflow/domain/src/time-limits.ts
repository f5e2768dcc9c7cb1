import { addDays, type CivilDate, type PausedDays, type WorkingCalendar } from '@onewindow/domain/working-calendar';

/** The dates a case's time limits fall on (null before acceptance). */
export interface DueDates {
  readonly statutoryDueDate: CivilDate | null;
  readonly promisedDueDate: CivilDate | null;
  /** The e-supervision yellow day: the working day before the promised due date. */
  readonly dueSoonOn: CivilDate | null;
}

export interface ClosedPause {
  readonly startedOn: CivilDate;
  readonly endedOn: CivilDate;
}

/**
 * Working days a pause stood still: those after the day it started up to and including the day it
 * ended. The day a pause starts counts toward the limit (work was done on it); like the day of
 * acceptance, the day of resumption does not.
 */
export function pausedWorkingDays(calendar: WorkingCalendar, pause: ClosedPause): number {
  return calendar.workingDaysBetween(pause.startedOn, pause.endedOn);
}

/**
 * The due dates once a pause ends: each limit that had not run out when the pause started moves by
 * the working days paused, so the paused days never count; a limit that had already run out stays.
 * The yellow day follows the promised limit.
 */
export function dueDatesAfterPause(calendar: WorkingCalendar, dates: DueDates, pause: ClosedPause): DueDates {
  const shift = (date: CivilDate | null, limit: CivilDate | null) =>
    date !== null && limit !== null && pause.startedOn < limit ? calendar.addWorkingDays(date, pausedWorkingDays(calendar, pause)) : date;
  return {
    statutoryDueDate: shift(dates.statutoryDueDate, dates.statutoryDueDate),
    promisedDueDate: shift(dates.promisedDueDate, dates.promisedDueDate),
    dueSoonOn: shift(dates.dueSoonOn, dates.promisedDueDate),
  };
}

/** One more limit (a task's) after a pause, by the same rule. */
export function dueDateAfterPause(calendar: WorkingCalendar, date: CivilDate | null, pause: ClosedPause): CivilDate | null {
  return dueDatesAfterPause(calendar, { statutoryDueDate: date, promisedDueDate: date, dueSoonOn: null }, pause).promisedDueDate;
}

/** The calendar's paused days for a case's closed pauses (the days `pausedWorkingDays` counts). */
export function pausedDaysOf(pauses: readonly ClosedPause[]): PausedDays[] {
  return pauses.filter((p) => p.endedOn > p.startedOn).map((p) => ({ from: addDays(p.startedOn, 1), to: p.endedOn }));
}

/** The due dates once an extension of `days` working days is approved (both limits move). */
export function dueDatesAfterExtension(calendar: WorkingCalendar, dates: DueDates, days: number): DueDates {
  const shift = (date: CivilDate | null) => (date === null ? null : calendar.addWorkingDays(date, days));
  return {
    statutoryDueDate: shift(dates.statutoryDueDate),
    promisedDueDate: shift(dates.promisedDueDate),
    dueSoonOn: shift(dates.dueSoonOn),
  };
}
