import { MigrationInterface, QueryRunner } from 'typeorm';

/** Appointment slots per service point and window category, with a capacity that can never be exceeded. */
export class WorkflowAppointments1764489600001 implements MigrationInterface {
  name = 'WorkflowAppointments1764489600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appointment_slot (
        id               uuid PRIMARY KEY,
        service_point_id text NOT NULL,
        window_category  text NOT NULL,
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz NOT NULL,
        capacity         integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
        booked           integer NOT NULL DEFAULT 0,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (booked BETWEEN 0 AND capacity),
        UNIQUE (service_point_id, window_category, starts_at)
      )`);
    await q.query(`CREATE INDEX appointment_slot_lookup ON appointment_slot (service_point_id, starts_at)`);
    await q.query(`
      CREATE TABLE appointment (
        id           uuid PRIMARY KEY,
        slot_id      uuid NOT NULL REFERENCES appointment_slot (id),
        applicant_id text NOT NULL,
        item_code    text,
        status       text NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED')),
        booked_at    timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    // One live booking per person and slot.
    await q.query(`CREATE UNIQUE INDEX appointment_one_per_person ON appointment (slot_id, applicant_id) WHERE status = 'BOOKED'`);
    await q.query(`CREATE INDEX appointment_by_applicant ON appointment (applicant_id, booked_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appointment`);
    await q.query(`DROP TABLE appointment_slot`);
  }
}
