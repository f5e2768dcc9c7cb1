import type { CivilDate } from './civil-date';

/**
 * One year's public-holiday arrangement as the State Council General Office publishes it each
 * November: the days off (statutory holidays plus the weekend days moved next to them) and the
 * weekend days that become working days (调休上班).
 */
export interface HolidayArrangement {
  year: number;
  /** `official`: transcribed from the published notice. `provisional`: statutory days only, until the notice is entered. */
  status: 'official' | 'provisional';
  source: string;
  holidays: ReadonlyArray<{ name: string; days: readonly CivilDate[] }>;
  /** Saturdays and Sundays worked in exchange for a longer holiday. */
  workingWeekendDays: readonly CivilDate[];
}

function span(from: CivilDate, to: CivilDate): CivilDate[] {
  const days: CivilDate[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Seed data for the workflow service's calendar table, which platform admins edit (ADR: working-day
 * calendar). 2025 and 2026 follow the State Council General Office notices on holiday arrangements
 * published in November 2024 and November 2025. 2027 holds only the statutory days of the
 * 《全国年节及纪念日放假办法》 (2024 revision) with lunar dates from the Chinese calendar, because its
 * notice must be entered by an administrator once published: until then due dates in 2027 ignore
 * the moved weekend days.
 */
export const CHINA_HOLIDAY_ARRANGEMENTS: readonly HolidayArrangement[] = [
  {
    year: 2025,
    status: 'official',
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      { name: '元旦', days: ['2025-01-01'] },
      { name: '春节', days: span('2025-01-28', '2025-02-04') },
      { name: '清明节', days: span('2025-04-04', '2025-04-06') },
      { name: '劳动节', days: span('2025-05-01', '2025-05-05') },
      { name: '端午节', days: span('2025-05-31', '2025-06-02') },
      { name: '国庆节、中秋节', days: span('2025-10-01', '2025-10-08') },
    ],
    workingWeekendDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    status: 'official',
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    holidays: [
      { name: '元旦', days: span('2026-01-01', '2026-01-03') },
      { name: '春节', days: span('2026-02-15', '2026-02-23') },
      { name: '清明节', days: span('2026-04-04', '2026-04-06') },
      { name: '劳动节', days: span('2026-05-01', '2026-05-05') },
      { name: '端午节', days: span('2026-06-19', '2026-06-21') },
      { name: '中秋节', days: span('2026-09-25', '2026-09-27') },
      { name: '国庆节', days: span('2026-10-01', '2026-10-07') },
    ],
    workingWeekendDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  {
    year: 2027,
    status: 'provisional',
    source: '全国年节及纪念日放假办法（2024年修订）法定假日；待录入国务院办公厅2027年安排',
    holidays: [
      { name: '元旦', days: ['2027-01-01'] },
      { name: '春节', days: span('2027-02-06', '2027-02-09') },
      { name: '清明节', days: ['2027-04-05'] },
      { name: '劳动节', days: ['2027-05-01', '2027-05-02'] },
      { name: '端午节', days: ['2027-06-09'] },
      { name: '中秋节', days: ['2027-09-15'] },
      { name: '国庆节', days: span('2027-10-01', '2027-10-03') },
    ],
    workingWeekendDays: [],
  },
];
