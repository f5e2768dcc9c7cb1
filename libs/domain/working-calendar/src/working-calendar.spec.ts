import fc from 'fast-check';
import { addDays, chinaDateOf, civilDateOf, dayNumber, InvalidCivilDateError } from './civil-date';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './holiday-arrangements';
import { CalendarError, PausedDays, WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar(CHINA_HOLIDAY_ARRANGEMENTS);

describe('working days in China', () => {
  it('counts a make-up Sunday before the 2025 Spring Festival and skips the eight days off', () => {
    // Accepted Friday 24 January 2025: Sunday 26 (worked), Monday 27, then 28 Jan – 4 Feb off.
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
  });

  it('runs a 2025 limit across National Day and Mid-Autumn with both make-up Saturdays and Sundays', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    // 1–8 October off; Thursday 9 and Friday 10, then Saturday 11 is a working day.
    expect(calendar.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(calendar.addWorkingDays('2025-09-26', 6)).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
  });

  it('runs a 2026 limit across the nine-day Spring Festival', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('runs a 2026 limit across National Day', () => {
    // Sunday 20 September is worked; 1–7 October off; Saturday 10 October worked.
    expect(calendar.workingDaysBetween('2026-09-18', '2026-09-20')).toBe(1);
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('counts from the day after acceptance and treats a plain weekend as rest', () => {
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(calendar.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
  });

  it('does not count paused days (a supplement round stops the clock)', () => {
    // Accepted Monday 10 March 2025, 5 working days: due Monday 17; paused Tue 11 – Wed 12: due Wednesday 19.
    expect(calendar.addWorkingDays('2025-03-10', 5)).toBe('2025-03-17');
    expect(calendar.addWorkingDays('2025-03-10', 5, [{ from: '2025-03-11', to: '2025-03-12' }])).toBe('2025-03-19');
  });

  it('runs across a year boundary into the next arrangement', () => {
    // Wednesday 31 December, then 1–3 January 2026 off and Sunday 4 January worked.
    expect(calendar.addWorkingDays('2025-12-30', 2)).toBe('2026-01-04');
    expect(calendar.addWorkingDays('2025-12-30', 3)).toBe('2026-01-05');
  });

  it('refuses to guess beyond the years it has arrangements for', () => {
    expect(() => calendar.addWorkingDays('2027-12-30', 5)).toThrow(CalendarError);
    expect(() => calendar.isWorkingDay('2024-06-03')).toThrow(/no holiday arrangement for 2024/);
  });

  it('refuses impossible dates, negative limits and pauses that end before they start', () => {
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(InvalidCivilDateError);
    expect(() => calendar.addWorkingDays('2025-03-10', -1)).toThrow(/whole number/);
    expect(() => calendar.addWorkingDays('2025-03-10', 1.5)).toThrow(/whole number/);
    expect(() => calendar.addWorkingDays('2025-03-10', 3, [{ from: '2025-03-12', to: '2025-03-11' }])).toThrow(/before it starts/);
  });

  it('refuses an arrangement that lists a weekday as a working weekend day, or a day as both', () => {
    const base = { year: 2030, status: 'provisional' as const, source: 'test', holidays: [] };
    expect(() => new WorkingCalendar([{ ...base, workingWeekendDays: ['2030-01-02'] }])).toThrow(/not a Saturday or Sunday/);
    expect(
      () => new WorkingCalendar([{ ...base, holidays: [{ name: 'x', days: ['2030-01-05'] }], workingWeekendDays: ['2030-01-05'] }]),
    ).toThrow(/both as a holiday and as a working day/);
    expect(() => new WorkingCalendar([{ ...base, workingWeekendDays: ['2031-01-04'] }])).toThrow(/arrangement of 2030/);
  });

  it('takes the China date of an instant', () => {
    expect(chinaDateOf(new Date('2025-01-31T16:30:00Z'))).toBe('2025-02-01');
    expect(chinaDateOf(new Date('2025-01-31T15:59:59Z'))).toBe('2025-01-31');
  });

  it('keeps every transcribed arrangement consistent: holidays are not working days, make-up days are weekends that are', () => {
    for (const arrangement of CHINA_HOLIDAY_ARRANGEMENTS) {
      for (const holiday of arrangement.holidays) {
        for (const day of holiday.days) expect(calendar.isWorkingDay(day)).toBe(false);
      }
      for (const day of arrangement.workingWeekendDays) expect(calendar.isWorkingDay(day)).toBe(true);
    }
  });
});

describe('working-day properties', () => {
  const firstDay = dayNumber('2025-01-01');
  const lastStart = dayNumber('2027-09-30');
  const start = fc.integer({ min: firstDay, max: lastStart }).map(civilDateOf);
  const pause = (origin: string) =>
    fc
      .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }))
      .map(([offset, length]): PausedDays => ({ from: addDays(origin, offset), to: addDays(origin, offset + length) }));
  const scenario = start.chain((origin) =>
    fc.record({ origin: fc.constant(origin), days: fc.integer({ min: 0, max: 30 }), pauses: fc.array(pause(origin), { maxLength: 3 }) }),
  );

  it('counts back exactly the limit it added, and lands on a working, unpaused day', () => {
    fc.assert(
      fc.property(scenario, ({ origin, days, pauses }) => {
        const due = calendar.addWorkingDays(origin, days, pauses);
        expect(calendar.workingDaysBetween(origin, due, pauses)).toBe(days);
        if (days > 0) {
          expect(calendar.isWorkingDay(due)).toBe(true);
          const dueDay = dayNumber(due);
          expect(pauses.some((p) => dayNumber(p.from) <= dueDay && dueDay <= dayNumber(p.to))).toBe(false);
        }
      }),
    );
  });

  it('never counts a paused day: a pause delays the due date by exactly the working days it covers', () => {
    fc.assert(
      fc.property(scenario, ({ origin, days, pauses }) => {
        const without = calendar.addWorkingDays(origin, days);
        const withPauses = calendar.addWorkingDays(origin, days, pauses);
        expect(dayNumber(withPauses)).toBeGreaterThanOrEqual(dayNumber(without));
        const counted = calendar.workingDaysBetween(origin, withPauses);
        const paused = calendar.workingDaysBetween(origin, withPauses) - calendar.workingDaysBetween(origin, withPauses, pauses);
        expect(counted - paused).toBe(days);
      }),
    );
  });
});
