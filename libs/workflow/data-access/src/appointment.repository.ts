import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { EntityManager } from 'typeorm';

export interface AppointmentSlot {
  id: string;
  servicePointId: string;
  windowCategory: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
}

export interface Appointment {
  id: string;
  slotId: string;
  applicantId: string;
  itemCode: string | null;
  status: 'BOOKED' | 'CANCELLED';
  bookedAt: Date;
  cancelledAt: Date | null;
  slot: Pick<AppointmentSlot, 'servicePointId' | 'windowCategory' | 'startsAt' | 'endsAt'>;
}

export type NewSlot = Omit<AppointmentSlot, 'id' | 'booked'> & { createdBy: string };

/** Why a booking did not happen. */
export type BookingRefusal = 'SLOT_NOT_FOUND' | 'SLOT_FULL' | 'ALREADY_BOOKED' | 'SLOT_PAST';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AppointmentRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Creates a slot, or returns undefined when the service point already has one for that window and start. */
  async createSlot(slot: NewSlot): Promise<AppointmentSlot | undefined> {
    const rows = await this.tx.manager.query(
      `INSERT INTO appointment_slot (id, service_point_id, window_category, starts_at, ends_at, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (service_point_id, window_category, starts_at) DO NOTHING
       RETURNING *`,
      [randomUUID(), slot.servicePointId, slot.windowCategory, slot.startsAt, slot.endsAt, slot.capacity, slot.createdBy],
    );
    return rows[0] ? toSlot(rows[0]) : undefined;
  }

  async findSlots(filter: { servicePointId: string; windowCategory?: string; from: Date; to: Date; limit: number }): Promise<AppointmentSlot[]> {
    const rows = await this.tx.manager.query(
      `SELECT * FROM appointment_slot
        WHERE service_point_id = $1 AND ($2::text IS NULL OR window_category = $2) AND starts_at >= $3 AND starts_at < $4
        ORDER BY starts_at, window_category LIMIT $5`,
      [filter.servicePointId, filter.windowCategory ?? null, filter.from, filter.to, filter.limit],
    );
    return rows.map(toSlot);
  }

  /**
   * Takes one place in the slot and records the booking, in the caller's transaction. The place is
   * taken by a conditional UPDATE, so concurrent bookings can never exceed the capacity.
   */
  async book(slotId: string, applicantId: string, itemCode: string | null, now: Date): Promise<Appointment | BookingRefusal> {
    const manager = this.tx.manager;
    const taken = await updateReturning(
      manager,
      `UPDATE appointment_slot SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND starts_at > $2 RETURNING id`,
      [slotId, now],
    );
    if (taken.length === 0) {
      const [slot] = await manager.query(`SELECT starts_at, booked, capacity FROM appointment_slot WHERE id = $1`, [slotId]);
      if (!slot) return 'SLOT_NOT_FOUND';
      return slot.starts_at <= now ? 'SLOT_PAST' : 'SLOT_FULL';
    }
    const id = randomUUID();
    try {
      await manager.query(`SAVEPOINT book_appointment`);
      await manager.query(
        `INSERT INTO appointment (id, slot_id, applicant_id, item_code, status) VALUES ($1, $2, $3, $4, 'BOOKED')`,
        [id, slotId, applicantId, itemCode],
      );
      await manager.query(`RELEASE SAVEPOINT book_appointment`);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await manager.query(`ROLLBACK TO SAVEPOINT book_appointment`);
      await manager.query(`UPDATE appointment_slot SET booked = booked - 1 WHERE id = $1`, [slotId]);
      return 'ALREADY_BOOKED';
    }
    const found = await this.findById(id);
    if (!found) throw new Error('booked appointment vanished');
    return found;
  }

  async findById(id: string): Promise<Appointment | undefined> {
    const [row] = await this.tx.manager.query(`${SELECT_APPOINTMENT} WHERE a.id = $1`, [id]);
    return row ? toAppointment(row) : undefined;
  }

  async findByApplicant(applicantId: string, limit: number): Promise<Appointment[]> {
    const rows = await this.tx.manager.query(`${SELECT_APPOINTMENT} WHERE a.applicant_id = $1 ORDER BY a.booked_at DESC LIMIT $2`, [
      applicantId,
      limit,
    ]);
    return rows.map(toAppointment);
  }

  /** Cancels a live booking and frees its place; false when it was not live any more. */
  async cancel(id: string, now: Date): Promise<boolean> {
    const cancelled = await updateReturning<{ slot_id: string }>(
      this.tx.manager,
      `UPDATE appointment SET status = 'CANCELLED', cancelled_at = $2 WHERE id = $1 AND status = 'BOOKED' RETURNING slot_id`,
      [id, now],
    );
    if (cancelled.length === 0) return false;
    await this.tx.manager.query(`UPDATE appointment_slot SET booked = booked - 1 WHERE id = $1`, [cancelled[0]?.slot_id]);
    return true;
  }
}

/** TypeORM answers an UPDATE on PostgreSQL with `[returned rows, affected count]`. */
async function updateReturning<T = unknown>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await manager.query(sql, params)) as [T[], number];
  return rows;
}

const SELECT_APPOINTMENT = `
  SELECT a.*, s.service_point_id, s.window_category, s.starts_at, s.ends_at
    FROM appointment a JOIN appointment_slot s ON s.id = a.slot_id`;

interface SlotRow {
  id: string;
  service_point_id: string;
  window_category: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
}

function toSlot(row: SlotRow): AppointmentSlot {
  return {
    id: row.id,
    servicePointId: row.service_point_id,
    windowCategory: row.window_category,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    booked: row.booked,
  };
}

function toAppointment(row: SlotRow & { slot_id: string; applicant_id: string; item_code: string | null; status: 'BOOKED' | 'CANCELLED'; booked_at: Date; cancelled_at: Date | null }): Appointment {
  return {
    id: row.id,
    slotId: row.slot_id,
    applicantId: row.applicant_id,
    itemCode: row.item_code,
    status: row.status,
    bookedAt: row.booked_at,
    cancelledAt: row.cancelled_at,
    slot: { servicePointId: row.service_point_id, windowCategory: row.window_category, startsAt: row.starts_at, endsAt: row.ends_at },
  };
}
