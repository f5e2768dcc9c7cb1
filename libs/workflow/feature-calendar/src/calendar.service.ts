import { Injectable } from '@nestjs/common';
import { CalendarError, HolidayArrangement, InvalidCivilDateError, WorkingCalendar } from '@onewindow/domain/working-calendar';
import { TransactionHost } from '@onewindow/platform/persistence';
import { HolidayArrangementRepository, StoredHolidayArrangement } from '@onewindow/workflow/data-access';
import { CalendarException, CalendarExceptionCode } from './calendar.exception';

@Injectable()
export class CalendarService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly arrangements: HolidayArrangementRepository,
  ) {}

  list(): Promise<StoredHolidayArrangement[]> {
    return this.arrangements.findAll();
  }

  /** Replaces a year's arrangement after checking it makes a consistent calendar on its own. */
  async replace(arrangement: HolidayArrangement, adminId: string): Promise<StoredHolidayArrangement> {
    try {
      new WorkingCalendar([arrangement]);
    } catch (error) {
      if (error instanceof CalendarError || error instanceof InvalidCivilDateError) {
        throw new CalendarException(CalendarExceptionCode.INVALID_ARRANGEMENT, error.message, 'holidays');
      }
      throw error;
    }
    return this.tx.transaction(() => this.arrangements.upsert(arrangement, adminId));
  }

  async dueDate(start: string, workingDays: number): Promise<{ dueDate: string; official: boolean }> {
    const years = await this.arrangements.findAll();
    try {
      const dueDate = new WorkingCalendar(years).addWorkingDays(start, workingDays);
      const crossed = years.filter((y) => y.year >= Number(start.slice(0, 4)) && y.year <= Number(dueDate.slice(0, 4)));
      return { dueDate, official: crossed.every((y) => y.status === 'official') };
    } catch (error) {
      if (error instanceof InvalidCivilDateError) {
        throw new CalendarException(CalendarExceptionCode.INVALID_ARRANGEMENT, error.message, 'start');
      }
      if (error instanceof CalendarError) throw new CalendarException(CalendarExceptionCode.NOT_COVERED, error.message);
      throw error;
    }
  }
}
