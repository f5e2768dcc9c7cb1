import { DomainException } from '@onewindow/platform/http';

export enum AppointmentExceptionCode {
  NOT_FOUND = 'APPOINTMENT_NOT_FOUND',
  SLOT_NOT_FOUND = 'APPOINTMENT_SLOT_NOT_FOUND',
  SLOT_FULL = 'APPOINTMENT_SLOT_FULL',
  SLOT_PAST = 'APPOINTMENT_SLOT_PAST',
  ALREADY_BOOKED = 'APPOINTMENT_ALREADY_BOOKED',
  SLOT_EXISTS = 'APPOINTMENT_SLOT_EXISTS',
  INVALID_SLOT = 'APPOINTMENT_INVALID_SLOT',
}

const STATUS: Record<AppointmentExceptionCode, number> = {
  [AppointmentExceptionCode.NOT_FOUND]: 404,
  [AppointmentExceptionCode.SLOT_NOT_FOUND]: 404,
  [AppointmentExceptionCode.SLOT_FULL]: 409,
  [AppointmentExceptionCode.SLOT_PAST]: 409,
  [AppointmentExceptionCode.ALREADY_BOOKED]: 409,
  [AppointmentExceptionCode.SLOT_EXISTS]: 409,
  [AppointmentExceptionCode.INVALID_SLOT]: 400,
};

export class AppointmentException extends DomainException<AppointmentExceptionCode> {
  constructor(code: AppointmentExceptionCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? { errors: [{ field, reason: detail }] } : {});
  }
}
