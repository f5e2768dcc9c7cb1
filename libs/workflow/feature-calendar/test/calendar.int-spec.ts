import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { workflowMigrations } from '@onewindow/workflow/data-access';
import { CalendarModule } from '../src';

describe('working-day calendar API', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    service = await startTestService({ name: 'workflow-calendar', imports: [CalendarModule], migrations: workflowMigrations, events: { relay: false } });
    ({ app, idp } = service);
  });

  afterAll(() => service?.close());

  const admin = () => idp.sign({ claims: { sub: 'admin-1', roles: ['platform_admin'], org: 'luoyuan' } });
  const citizen = () => idp.sign({ claims: { sub: 'person-1', roles: ['citizen'] } });
  const put = async (year: number | string, payload: object, token: string) =>
    app.inject({ method: 'PUT', url: `/calendar/years/${year}`, payload, headers: { authorization: `Bearer ${token}` } });
  const arrangement2027 = {
    status: 'official',
    source: '国务院办公厅关于2027年部分节假日安排的通知',
    holidays: [{ name: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'] }],
    workingWeekendDays: ['2027-02-20'],
  };

  it('computes a public due date across the 2026 Spring Festival', async () => {
    const response = await app.inject({ method: 'GET', url: '/calendar/due-date?start=2026-02-13&workingDays=2' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ dueDate: '2026-02-24', official: true });
  });

  it('says a due date in a provisional year is not official, and refuses a year it does not cover', async () => {
    expect((await app.inject({ method: 'GET', url: '/calendar/due-date?start=2027-03-01&workingDays=5' })).json()).toMatchObject({
      official: false,
    });
    const beyond = await app.inject({ method: 'GET', url: '/calendar/due-date?start=2027-12-28&workingDays=10' });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json()).toMatchObject({ code: 'CALENDAR_NOT_COVERED' });
  });

  it('refuses a malformed query naming the field', async () => {
    const response = await app.inject({ method: 'GET', url: '/calendar/due-date?start=13-02-2026&workingDays=-1' });
    expect(response.statusCode).toBe(400);
    const fields = response.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field).sort();
    expect(fields).toEqual(['start', 'workingDays']);
  });

  it('lets a platform admin enter the published arrangement of a year, which due dates then follow', async () => {
    const response = await put(2027, arrangement2027, await admin());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ year: 2027, status: 'official', workingWeekendDays: ['2027-02-20'] });
    const due = await app.inject({ method: 'GET', url: '/calendar/due-date?start=2027-02-04&workingDays=1' });
    expect(due.json()).toEqual({ dueDate: '2027-02-15', official: true });
  });

  it('refuses a citizen with 403 and changes nothing', async () => {
    const response = await put(2027, { ...arrangement2027, source: 'forged' }, await citizen());
    expect(response.statusCode).toBe(403);
    const years = (await app.inject({ method: 'GET', url: '/calendar/years' })).json<Array<{ year: number; source: string }>>();
    expect(years.find((y) => y.year === 2027)?.source).not.toBe('forged');
  });

  it('refuses an inconsistent arrangement with 400 and changes nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/calendar/years' })).json<Array<{ year: number }>>();
    const weekday = await put(2027, { ...arrangement2027, workingWeekendDays: ['2027-02-17'] }, await admin());
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json()).toMatchObject({ code: 'CALENDAR_INVALID_ARRANGEMENT' });
    const otherYear = await put(2028, arrangement2027, await admin());
    expect(otherYear.statusCode).toBe(400);
    const unknown = await put(2027, { ...arrangement2027, extra: true }, await admin());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'extra' }] });
    const badDate = await put(2027, { ...arrangement2027, workingWeekendDays: ['20 Feb 2027'] }, await admin());
    expect(badDate.json()).toMatchObject({ errors: [{ field: 'workingWeekendDays' }] });
    expect((await app.inject({ method: 'GET', url: '/calendar/years' })).json()).toEqual(before);
  });
});
