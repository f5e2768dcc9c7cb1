/**
 * Workflow benchmark: complete cases per second through the gateway, with the built identity,
 * catalog, workflow and gateway processes running (the e2e stack: `npx nx run-many -t build -p
 * gateway identity catalog workflow` first). Each worker repeats submit (citizen) → accept (window
 * clerk) → claim → approve (department reviewer) on one item, with real tokens issued by identity.
 * By default the item is 失业保险金申领 (unemployment benefit): zero trips, one review stage, nothing
 * to upload (its materials come from e-licences and shared department data) — the four steps the
 * issue names. BENCH_ITEM picks another demo item: claim and approve then repeat once per stage of its
 * process definition (ADR 0030), and the materials it asks of the applicant are uploaded before each
 * submission, outside the timed steps (ADR 0028). Prints cases/s and p50/p99 per step; never fails on a timing.
 * Settings: BENCH_ITEM (350123-006-05-0001-6), BENCH_WORKERS (16), BENCH_DURATION_S (30), BENCH_WARMUP_S (3).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { citizenIdCheckCharacter } from '@onewindow/domain/china-id';
import { departmentByCode, organisationIdOf } from '@onewindow/domain/county';
import { call, Stack } from '../apps/e2e/test/support/stack';
import { percentile } from './stats';

const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 16);
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 30);
const WARMUP_S = Number(process.env['BENCH_WARMUP_S'] ?? 3);
const GOALS = { casesPerSecond: 100, stepP99Ms: 300 };
const ITEM = process.env['BENCH_ITEM'] ?? '350123-006-05-0001-6';
const PASSWORD = 'Luoyuan-Window-2026';
const STEPS = ['submit', 'accept', 'claim', 'approve'] as const;
type Step = (typeof STEPS)[number];

const withCheck = (first17: string) => first17 + citizenIdCheckCharacter(first17);

async function main(): Promise<number> {
  // One citizen, one clerk and one reviewer drive every case: lift the gateway's per-user limits.
  const stack = new Stack({ gateway: { RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_ADDRESS: '1000000' } });
  process.stderr.write('starting identity, catalog, workflow and gateway...\n');
  await stack.start();
  try {
    const login = async (body: Record<string, string>) => {
      const reply = await call<{ accessToken: string }>(stack, 'POST', '/api/v1/identity/sessions', { body });
      if (reply.status !== 200) throw new Error(`login failed: ${reply.status}`);
      return reply.body.accessToken;
    };
    const admin = await login({ idNumber: withCheck('35012319800101999'), password: 'Demo-Admin-2026!', organisationId: '350123' });
    const staff = async (first17: string, organisationId: string, role: string) => {
      const idNumber = withCheck(first17);
      const created = await call(stack, 'POST', '/api/v1/identity/staff', {
        token: admin,
        body: { idNumber, name: '测试人员', password: PASSWORD, organisationId, roles: [role] },
      });
      if (created.status !== 201) throw new Error(`staff creation failed: ${created.status}`);
      return login({ idNumber, password: PASSWORD, organisationId });
    };
    // The item code's department segment (350123-DDD-…) names the reviewing department.
    const department = departmentByCode(ITEM.split('-')[1] ?? '');
    if (!department) throw new Error(`${ITEM} names no county department`);
    const reviewer = await staff('35012319870707222', organisationIdOf(department), 'department_reviewer');
    const resident = { idNumber: withCheck('35012319850312001'), name: '林晓明' };
    await call(stack, 'POST', '/api/v1/identity/accounts', { body: { ...resident, phone: '13800000001', password: PASSWORD } });
    const citizen = await login({ idNumber: resident.idNumber, password: PASSWORD });
    // Tokens live 10 minutes; the run is shorter.

    const guide = await call<{ content: { materials: Array<{ name: string; source: string }> } }>(stack, 'GET', `/api/v1/catalog/public/items/${ITEM}`);
    if (guide.status !== 200) throw new Error(`item ${ITEM}: ${guide.status}`);
    const itemMaterials = guide.body.content.materials.filter((m) => m.source === 'APPLICANT' || m.source === 'RETAINED_PROOF').map((m) => m.name);
    const uploadMaterials = () =>
      Promise.all(
        itemMaterials.map(async (name) => {
          const response = await fetch(`${stack.gatewayUrl}/api/v1/workflow/uploads`, {
            method: 'POST',
            headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/pdf' },
            body: Buffer.from(`%PDF-1.7\n${name}`),
          });
          if (response.status !== 201) throw new Error(`upload: ${response.status}`);
          return { name, uploadId: ((await response.json()) as { uploadId: string }).uploadId };
        }),
      );

    process.stderr.write('waiting for the catalogue item to reach the workflow...\n');
    const firstMaterials = await uploadMaterials();
    // Online cases go to the county-hall window of the item's category; its clerk accepts them.
    let intakeWindow = '';
    for (let i = 0; ; i++) {
      const reply = await call<{ servicePointId: string }>(stack, 'POST', '/api/v1/workflow/applications', {
        token: citizen,
        idempotencyKey: randomUUID(),
        body: { itemCode: ITEM, channel: 'ONLINE', materials: firstMaterials },
      });
      if (reply.status === 201) {
        intakeWindow = reply.body.servicePointId;
        break;
      }
      if (i > 120) throw new Error('the item never reached the workflow');
      await new Promise((r) => setTimeout(r, 500));
    }

    const clerk = await staff('35012319880808111', intakeWindow, 'window_clerk');
    const timings: Record<Step, number[]> = { submit: [], accept: [], claim: [], approve: [] };
    let completed = 0;
    let failures = 0;
    let measuring = false;
    const timed = async <T>(step: Step, work: () => Promise<{ status: number; body: T }>, expected: number): Promise<T> => {
      const started = performance.now();
      const reply = await work();
      const ms = performance.now() - started;
      if (reply.status !== expected) throw new Error(`${step}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
      if (measuring) timings[step].push(ms);
      return reply.body;
    };
    const oneCase = async () => {
      const materials = await uploadMaterials();
      const submitted = await timed(
        'submit',
        () =>
          call<{ id: string }>(stack, 'POST', '/api/v1/workflow/applications', {
            token: citizen,
            idempotencyKey: randomUUID(),
            body: { itemCode: ITEM, channel: 'ONLINE', materials },
          }),
        201,
      );
      type Case = { status: string; tasks: Array<{ id: string; status: string }> };
      let current = await timed(
        'accept',
        () =>
          call<Case>(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/acceptance`, {
            token: clerk,
            idempotencyKey: randomUUID(),
            body: {},
          }),
        200,
      );
      // The reviewer claims and approves each open task until the case concludes (one per stage of the
      // item's process definition, ADR 0030; the default definition has one).
      for (let task = current.tasks.find((t) => t.status === 'PENDING'); task; task = current.tasks.find((t) => t.status === 'PENDING')) {
        const taskId = task.id;
        await timed('claim', () => call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${taskId}/claim`, { token: reviewer }), 200);
        current = await timed(
          'approve',
          () =>
            call<Case>(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${taskId}/decision`, {
              token: reviewer,
              idempotencyKey: randomUUID(),
              body: { decision: 'APPROVED' },
            }),
          200,
        );
      }
    };

    process.stderr.write(`running ${WORKERS} workers: ${WARMUP_S} s warm-up, ${DURATION_S} s measured...\n`);
    const warmupEnd = Date.now() + WARMUP_S * 1000;
    const end = warmupEnd + DURATION_S * 1000;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (Date.now() < end) {
          measuring = Date.now() >= warmupEnd;
          const counts = measuring;
          try {
            await oneCase();
            if (counts && Date.now() < end) completed++;
          } catch (error) {
            failures++;
            if (failures <= 3) process.stderr.write(`case failed: ${(error as Error).message}\n`);
          }
        }
      }),
    );

    const rate = completed / DURATION_S;
    const rows: Array<[string, string, string, string]> = [
      ['complete cases/s (submit → accept → (claim → approve) per stage)', rate.toFixed(1), `>= ${GOALS.casesPerSecond}`, rate >= GOALS.casesPerSecond ? 'yes' : 'NO'],
    ];
    const figures: Record<string, unknown> = { workers: WORKERS, durationS: DURATION_S, completed, failures, casesPerSecond: rate, steps: {} };
    for (const step of STEPS) {
      const sorted = [...timings[step]].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p99 = percentile(sorted, 99);
      (figures['steps'] as Record<string, unknown>)[step] = { n: sorted.length, p50Ms: p50, p99Ms: p99 };
      rows.push([`${step} p50 / p99`, `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`, `p99 <= ${GOALS.stepP99Ms} ms`, p99 <= GOALS.stepP99Ms ? 'yes' : 'NO']);
    }
    rows.push(['failed cases', String(failures), '0', failures === 0 ? 'yes' : 'NO']);
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\nWorkflow benchmark, ${new Date().toISOString()}, ${WORKERS} workers, ${DURATION_S} s`);
    for (const [metric, value, goal, met] of rows) console.log(`${metric.padEnd(width)}  ${value.padEnd(22)} ${goal.padEnd(16)} ${met}`);
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `workflow-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(figures, null, 2));
    console.log(`results: ${path.relative(process.cwd(), file)}`);
    return 0;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchmark could not run: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
