import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@onewindow/domain/working-calendar';
import { HolidayArrangementRepository } from '@onewindow/workflow/data-access';

/** How long a replica reuses the calendar it read; a year replaced by a platform admin applies within it. */
export const CALENDAR_REUSE_MS = 30_000;

/**
 * The working-day calendar every change to a case needs, read from the database at most once per
 * CALENDAR_REUSE_MS per replica instead of on every request. Arrangements change about once a year
 * (the State Council's notice), so a replaced year taking up to 30 s to reach every replica is the
 * price of one query less per step (ADR 0026).
 */
@Injectable()
export class WorkingCalendarProvider {
  private cached: { calendar: WorkingCalendar; readAt: number } | undefined;

  constructor(private readonly arrangements: HolidayArrangementRepository) {}

  protected now(): number {
    return Date.now();
  }

  async current(): Promise<WorkingCalendar> {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < CALENDAR_REUSE_MS) return this.cached.calendar;
    const calendar = new WorkingCalendar(await this.arrangements.findAll());
    this.cached = { calendar, readAt: now };
    return calendar;
  }
}
