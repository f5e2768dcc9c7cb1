import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { TestDatabase } from '@onewindow/platform/testing';
import { workflowMigrations } from '@onewindow/workflow/data-access';
import { AppointmentsModule } from '../src';

describe('appointments at service points', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    service = await startTestService({ name: 'workflow-appointments', imports: [AppointmentsModule], migrations: workflowMigrations, events: { relay: false } });
    ({ app, idp, db } = service);
  });

  afterAll(() => service?.close());

  const clerk = (servicePoint = 'fengshan-centre') =>
    idp.sign({ claims: { sub: `clerk-${servicePoint}`, roles: ['window_clerk'], org: servicePoint } });
  const citizen = (id: string) => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const send = async (method: 'GET' | 'POST', url: string, token?: string, payload?: object, key?: string) =>
    app.inject({
      method,
      url,
      payload,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { 'idempotency-key': key } : {}) },
    });
  const tomorrow = (hour: number) => new Date(Date.now() + 86_400_000 + hour * 3_600_000);
  const createSlot = async (capacity: number, hour: number, servicePointId = 'fengshan-centre') =>
    send('POST', '/appointments/slots', await clerk(servicePointId), {
      servicePointId,
      windowCategory: 'GENERAL',
      startsAt: tomorrow(hour).toISOString(),
      endsAt: tomorrow(hour + 0.5).toISOString(),
      capacity,
    });
  const book = async (person: string, slotId: string) => send('POST', '/appointments', await citizen(person), { slotId }, randomUUID());

  it('never books more people than a slot holds, however many ask at once', async () => {
    const slot = await createSlot(3, 1);
    expect(slot.statusCode).toBe(201);
    const { id } = slot.json<{ id: string }>();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => book(`person-${i}`, id)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json()).toMatchObject({ code: 'APPOINTMENT_SLOT_FULL' });
    const [row] = await db.dataSource.query(`SELECT booked FROM appointment_slot WHERE id = $1`, [id]);
    expect(row.booked).toBe(3);
    const listed = await send('GET', `/appointments/slots?servicePointId=fengshan-centre&from=${tomorrow(0).toISOString()}&to=${tomorrow(3).toISOString()}`);
    expect(listed.json()).toEqual([expect.objectContaining({ id, capacity: 3, available: 0 })]);
  });

  it('lets a person hold one booking per slot, and frees the place on cancellation', async () => {
    const { id } = (await createSlot(2, 4)).json<{ id: string }>();
    const first = await book('person-a', id);
    expect(first.statusCode).toBe(201);
    const again = await book('person-a', id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'APPOINTMENT_ALREADY_BOOKED' });
    const appointment = first.json<{ id: string }>();
    const cancelled = await send('POST', `/appointments/${appointment.id}/cancel`, await citizen('person-a'));
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'CANCELLED' });
    const [row] = await db.dataSource.query(`SELECT booked FROM appointment_slot WHERE id = $1`, [id]);
    expect(row.booked).toBe(0);
    expect((await send('POST', `/appointments/${appointment.id}/cancel`, await citizen('person-a'))).json()).toMatchObject({ status: 'CANCELLED' });
    expect((await book('person-a', id)).statusCode).toBe(201);
  });

  it("answers another person's cancellation with 404 and keeps the booking", async () => {
    const { id } = (await createSlot(1, 6)).json<{ id: string }>();
    const booking = (await book('person-owner', id)).json<{ id: string }>();
    const stranger = await send('POST', `/appointments/${booking.id}/cancel`, await citizen('person-stranger'));
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ code: 'APPOINTMENT_NOT_FOUND' });
    const mine = await send('GET', '/appointments/mine', await citizen('person-owner'));
    expect(mine.json()).toEqual([expect.objectContaining({ id: booking.id, status: 'BOOKED' })]);
  });

  it('replays a retried booking instead of booking twice', async () => {
    const { id } = (await createSlot(5, 8)).json<{ id: string }>();
    const token = await citizen('person-retry');
    const key = randomUUID();
    const first = await send('POST', '/appointments', token, { slotId: id }, key);
    const retry = await send('POST', '/appointments', token, { slotId: id }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const [row] = await db.dataSource.query(`SELECT booked FROM appointment_slot WHERE id = $1`, [id]);
    expect(row.booked).toBe(1);
  });

  it("refuses a clerk opening slots at another service point, and bad slots, storing nothing", async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS n FROM appointment_slot`))[0].n;
    const other = await send('POST', '/appointments/slots', await clerk('songshan-centre'), {
      servicePointId: 'fengshan-centre',
      windowCategory: 'GENERAL',
      startsAt: tomorrow(10).toISOString(),
      endsAt: tomorrow(11).toISOString(),
      capacity: 5,
    });
    expect(other.statusCode).toBe(403);
    const backwards = await send('POST', '/appointments/slots', await clerk(), {
      servicePointId: 'fengshan-centre',
      windowCategory: 'GENERAL',
      startsAt: tomorrow(11).toISOString(),
      endsAt: tomorrow(10).toISOString(),
      capacity: 5,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ errors: [{ field: 'endsAt' }] });
    const invalid = await send('POST', '/appointments/slots', await clerk(), {
      servicePointId: 'fengshan-centre',
      windowCategory: 'NIGHT_WINDOW',
      startsAt: 'tomorrow',
      endsAt: tomorrow(11).toISOString(),
      capacity: 0,
      note: 'x',
    });
    expect(invalid.statusCode).toBe(400);
    const fields = invalid.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field).sort();
    expect(fields).toEqual(['capacity', 'note', 'startsAt', 'windowCategory']);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM appointment_slot`))[0].n).toBe(before);
  });

  it('refuses a booking without an Idempotency-Key, and a citizen opening slots', async () => {
    const { id } = (await createSlot(5, 12)).json<{ id: string }>();
    const noKey = await send('POST', '/appointments', await citizen('person-nokey'), { slotId: id });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });
    const citizenSlot = await send('POST', '/appointments/slots', await citizen('person-x'), {
      servicePointId: 'fengshan-centre',
      windowCategory: 'GENERAL',
      startsAt: tomorrow(13).toISOString(),
      endsAt: tomorrow(14).toISOString(),
      capacity: 5,
    });
    expect(citizenSlot.statusCode).toBe(403);
  });
});
