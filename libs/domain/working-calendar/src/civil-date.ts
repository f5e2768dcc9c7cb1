/** A civil date in China Standard Time, `YYYY-MM-DD`. Time limits count whole days, never instants. */
export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

export class InvalidCivilDateError extends Error {
  override name = 'InvalidCivilDateError';
}

/** Days since 1970-01-01 of a civil date; refuses impossible dates such as 2025-02-30. */
export function dayNumber(date: CivilDate): number {
  const match = CIVIL_DATE.exec(date);
  if (!match) throw new InvalidCivilDateError(`"${date}" is not a YYYY-MM-DD date`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    throw new InvalidCivilDateError(`"${date}" is not a calendar date`);
  }
  return ms / DAY_MS;
}

export function civilDateOf(day: number): CivilDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The civil date in China of an instant (a case accepted at 23:30 UTC belongs to the next day in Luoyuan). */
export function chinaDateOf(instant: Date): CivilDate {
  return civilDateOf(Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civilDateOf(dayNumber(date) + days);
}
