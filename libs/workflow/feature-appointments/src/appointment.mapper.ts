import type { Appointment, AppointmentSlot } from '@onewindow/workflow/data-access';
import type { AppointmentResponse, SlotResponse } from './appointment.dto';

export function toSlotResponse(slot: AppointmentSlot): SlotResponse {
  return {
    id: slot.id,
    servicePointId: slot.servicePointId,
    windowCategory: slot.windowCategory,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    capacity: slot.capacity,
    available: slot.capacity - slot.booked,
  };
}

/** The applicant's id is never echoed: the caller knows who they are. */
export function toAppointmentResponse(appointment: Appointment): AppointmentResponse {
  return {
    id: appointment.id,
    slotId: appointment.slotId,
    status: appointment.status,
    servicePointId: appointment.slot.servicePointId,
    windowCategory: appointment.slot.windowCategory,
    startsAt: appointment.slot.startsAt.toISOString(),
    endsAt: appointment.slot.endsAt.toISOString(),
    itemCode: appointment.itemCode,
    bookedAt: appointment.bookedAt.toISOString(),
    cancelledAt: appointment.cancelledAt?.toISOString() ?? null,
  };
}
