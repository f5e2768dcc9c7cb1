import { DomainException } from '@onewindow/platform/http';

export enum CalendarExceptionCode {
  INVALID_ARRANGEMENT = 'CALENDAR_INVALID_ARRANGEMENT',
  YEAR_MISMATCH = 'CALENDAR_YEAR_MISMATCH',
  NOT_COVERED = 'CALENDAR_NOT_COVERED',
}

const STATUS: Record<CalendarExceptionCode, number> = {
  [CalendarExceptionCode.INVALID_ARRANGEMENT]: 400,
  [CalendarExceptionCode.YEAR_MISMATCH]: 400,
  [CalendarExceptionCode.NOT_COVERED]: 422,
};

export class CalendarException extends DomainException<CalendarExceptionCode> {
  constructor(code: CalendarExceptionCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? { errors: [{ field, reason: detail }] } : {});
  }
}
