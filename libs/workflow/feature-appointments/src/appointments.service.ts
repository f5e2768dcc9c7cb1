import { Injectable } from '@nestjs/common';
import {
  anyOf,
  assertAccess,
  organisationScoped,
  ownedByPrincipal,
  Principal,
} from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import { Appointment, AppointmentRepository, AppointmentSlot } from '@onewindow/workflow/data-access';
import { AppointmentException, AppointmentExceptionCode } from './appointment.exception';
import { BookDto, CreateSlotDto, SlotQuery } from './appointment.dto';

const MAX_SLOT_MINUTES = 8 * 60;
const MAX_QUERY_DAYS = 31;
const DAY_MS = 86_400_000;

/** Staff manage the slots of their own service point; supervisors and platform admins any. */
const slotPolicy = organisationScoped<{ organisationId: string }, 'create'>({ readActions: ['create'] });
/** The applicant (or an agent of the applicant's enterprise) may see and cancel their booking; others learn nothing. */
const bookingPolicy = anyOf(ownedByPrincipal<{ ownerId: string }, 'read' | 'cancel'>());

@Injectable()
export class AppointmentsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly appointments: AppointmentRepository,
  ) {}

  async createSlot(staff: Principal, input: CreateSlotDto): Promise<AppointmentSlot> {
    assertAccess(staff, 'create', { organisationId: input.servicePointId }, slotPolicy);
    const minutes = (input.endsAt.getTime() - input.startsAt.getTime()) / 60_000;
    if (minutes <= 0 || minutes > MAX_SLOT_MINUTES) {
      throw new AppointmentException(AppointmentExceptionCode.INVALID_SLOT, 'must end after it starts, within 8 hours', 'endsAt');
    }
    if (input.startsAt.getTime() <= Date.now()) {
      throw new AppointmentException(AppointmentExceptionCode.INVALID_SLOT, 'must be in the future', 'startsAt');
    }
    const slot = await this.tx.transaction(() => this.appointments.createSlot({ ...input, createdBy: staff.id }));
    if (!slot) {
      throw new AppointmentException(AppointmentExceptionCode.SLOT_EXISTS, 'The service point already has a slot for this window at this time');
    }
    return slot;
  }

  findSlots(query: SlotQuery): Promise<AppointmentSlot[]> {
    const days = (query.to.getTime() - query.from.getTime()) / DAY_MS;
    if (days <= 0 || days > MAX_QUERY_DAYS) {
      throw new AppointmentException(AppointmentExceptionCode.INVALID_SLOT, 'must be after from, at most 31 days later', 'to');
    }
    return this.appointments.findSlots({ ...query, limit: 500 });
  }

  book(applicant: Principal, input: BookDto): Promise<Appointment> {
    return this.tx.transaction(async () => {
      const result = await this.appointments.book(input.slotId, applicant.id, input.itemCode ?? null, new Date());
      switch (result) {
        case 'SLOT_NOT_FOUND':
          throw new AppointmentException(AppointmentExceptionCode.SLOT_NOT_FOUND, 'There is no such slot', 'slotId');
        case 'SLOT_FULL':
          throw new AppointmentException(AppointmentExceptionCode.SLOT_FULL, 'The slot is fully booked; choose another time');
        case 'SLOT_PAST':
          throw new AppointmentException(AppointmentExceptionCode.SLOT_PAST, 'The slot has already started');
        case 'ALREADY_BOOKED':
          throw new AppointmentException(AppointmentExceptionCode.ALREADY_BOOKED, 'You already hold a booking in this slot');
        default:
          return result;
      }
    });
  }

  mine(applicant: Principal): Promise<Appointment[]> {
    return this.appointments.findByApplicant(applicant.id, 100);
  }

  /** Cancelling twice answers with the cancelled booking both times. */
  cancel(applicant: Principal, id: string): Promise<Appointment> {
    return this.tx.transaction(async () => {
      const found = await this.appointments.findById(id);
      assertAccess(applicant, 'cancel', found && { ownerId: found.applicantId }, bookingPolicy, { notFound: notFound });
      await this.appointments.cancel(id, new Date());
      const cancelled = await this.appointments.findById(id);
      if (!cancelled) throw notFound();
      return cancelled;
    });
  }
}

function notFound(): AppointmentException {
  return new AppointmentException(AppointmentExceptionCode.NOT_FOUND, 'There is no such appointment');
}
