import fc from 'fast-check';
import { CHINA_HOLIDAY_ARRANGEMENTS, civilDateOf, dayNumber, WorkingCalendar } from '@onewindow/domain/working-calendar';
import {
  CaseAction,
  CaseRuleError,
  CaseState,
  CaseStatus,
  newCase,
  TERMINAL_STATUSES,
  transition,
  WorkflowRole,
} from './case-state-machine';
import { dueDatesAfterExtension, dueDatesAfterPause, pausedWorkingDays } from './time-limits';

const threeDepartments = [
  { id: 't-market', departmentId: 'market', kind: 'REVIEW' as const, stage: 1 },
  { id: 't-fire', departmentId: 'fire', kind: 'REVIEW' as const, stage: 1 },
  { id: 't-joint', departmentId: 'housing', kind: 'JOINT_INSPECTION' as const, stage: 1 },
];

/** 食品经营许可 as its process definition lays it out: review, then a joint inspection led by an admin. */
const twoStages = [
  { id: 's1-market', departmentId: 'market', kind: 'REVIEW' as const, stage: 1 },
  { id: 's1-health', departmentId: 'health', kind: 'REVIEW' as const, stage: 1 },
  { id: 's2-joint', departmentId: 'market', kind: 'JOINT_INSPECTION' as const, stage: 2, role: 'department_admin' as const, withDepartments: ['health'] },
  { id: 's3-fire', departmentId: 'fire', kind: 'REVIEW' as const, stage: 3 },
];

function run(state: CaseState, steps: Array<[CaseAction, WorkflowRole]>): { state: CaseState; events: string[] } {
  const events: string[] = [];
  for (const [action, role] of steps) {
    const result = transition(state, action, role);
    state = result.state;
    events.push(...result.events);
  }
  return { state, events };
}

describe('a case through the single window', () => {
  it('goes online from submission to delivery with parallel approvals by three departments', () => {
    const { state, events } = run(newCase(false), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: threeDepartments }, 'window_clerk'],
      [{ type: 'DECIDE_TASK', taskId: 't-fire', departmentId: 'fire', decision: 'APPROVED' }, 'department_reviewer'],
      [{ type: 'DECIDE_TASK', taskId: 't-market', departmentId: 'market', decision: 'APPROVED' }, 'department_reviewer'],
      [{ type: 'DECIDE_TASK', taskId: 't-joint', departmentId: 'housing', decision: 'APPROVED' }, 'department_reviewer'],
      [{ type: 'CONCLUDE' }, 'system'],
      [{ type: 'DELIVER' }, 'system'],
    ]);
    expect(state.status).toBe('DELIVERED');
    expect(state.decision).toBe('APPROVED');
    expect(events).toEqual(['submitted', 'accepted', 'task-decided', 'task-decided', 'task-decided', 'approved', 'concluded', 'delivered']);
  });

  it('denies the case on the first denial and cancels the other departments’ open tasks', () => {
    const { state, events } = run(newCase(false), [
      [{ type: 'SUBMIT' }, 'window_clerk'],
      [{ type: 'ACCEPT', tasks: threeDepartments }, 'window_clerk'],
      [{ type: 'DECIDE_TASK', taskId: 't-market', departmentId: 'market', decision: 'APPROVED' }, 'department_reviewer'],
      [{ type: 'DECIDE_TASK', taskId: 't-fire', departmentId: 'fire', decision: 'DENIED' }, 'department_reviewer'],
    ]);
    expect(state.status).toBe('DENIED');
    expect(state.tasks.map((t) => t.status)).toEqual(['APPROVED', 'DENIED', 'CANCELLED']);
    expect(events.slice(-2)).toEqual(['task-decided', 'denied']);
    expect(() => transition(state, { type: 'DECIDE_TASK', taskId: 't-joint', departmentId: 'housing', decision: 'APPROVED' }, 'department_reviewer')).toThrow(
      expect.objectContaining({ violation: 'ACTION_NOT_ALLOWED_IN_STATE' }),
    );
  });

  it('pauses for a supplement round and resumes on resubmission', () => {
    const { state, events } = run(newCase(false), [
      [{ type: 'SUBMIT' }, 'window_clerk'],
      [{ type: 'REQUEST_SUPPLEMENT', missing: ['营业场所使用证明'] }, 'window_clerk'],
      [{ type: 'RESUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: threeDepartments.slice(0, 1) }, 'window_clerk'],
    ]);
    expect(state).toMatchObject({ status: 'IN_REVIEW', supplementRounds: 1 });
    expect(events).toEqual(['submitted', 'supplement-requested', 'resubmitted', 'accepted']);
  });

  it('concludes an instant item at acceptance', () => {
    const { state, events } = run(newCase(true), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: [] }, 'window_clerk'],
    ]);
    expect(state).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });
    expect(events).toEqual(['submitted', 'accepted', 'approved', 'concluded']);
  });

  it('lets the applicant withdraw during review but not after the decision', () => {
    const inReview = run(newCase(false), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: threeDepartments }, 'window_clerk'],
    ]).state;
    expect(transition(inReview, { type: 'WITHDRAW' }, 'applicant').state.tasks.every((t) => t.status === 'CANCELLED')).toBe(true);
    const decided = run(inReview, [[{ type: 'DECIDE_TASK', taskId: 't-fire', departmentId: 'fire', decision: 'DENIED' }, 'department_reviewer']]).state;
    expect(() => transition(decided, { type: 'WITHDRAW' }, 'applicant')).toThrow(CaseRuleError);
  });

  it('refuses a reviewer deciding another department’s task, a decided task, a clerk deciding, and empty reasons', () => {
    const inReview = run(newCase(false), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: threeDepartments }, 'window_clerk'],
    ]).state;
    const decide = (departmentId: string, role: WorkflowRole = 'department_reviewer') =>
      transition(inReview, { type: 'DECIDE_TASK', taskId: 't-fire', departmentId, decision: 'APPROVED' }, role);
    expect(() => decide('market')).toThrow(expect.objectContaining({ violation: 'TASK_OF_ANOTHER_DEPARTMENT' }));
    expect(() => decide('fire', 'window_clerk')).toThrow(expect.objectContaining({ violation: 'ROLE_NOT_ALLOWED' }));
    const once = decide('fire').state;
    expect(() => transition(once, { type: 'DECIDE_TASK', taskId: 't-fire', departmentId: 'fire', decision: 'DENIED' }, 'department_reviewer')).toThrow(
      expect.objectContaining({ violation: 'TASK_ALREADY_DECIDED' }),
    );
    const submitted = transition(newCase(false), { type: 'SUBMIT' }, 'applicant').state;
    expect(() => transition(submitted, { type: 'REFUSE', reason: '  ' }, 'window_clerk')).toThrow(expect.objectContaining({ violation: 'REASON_REQUIRED' }));
    expect(() => transition(submitted, { type: 'REQUEST_SUPPLEMENT', missing: [] }, 'window_clerk')).toThrow(
      expect.objectContaining({ violation: 'REASON_REQUIRED' }),
    );
    expect(() => transition(submitted, { type: 'ACCEPT', tasks: [] }, 'window_clerk')).toThrow(expect.objectContaining({ violation: 'NO_TASKS' }));
  });
});

describe('pauses and extensions of the review', () => {
  const inReview = () =>
    run(newCase(false), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: threeDepartments }, 'window_clerk'],
    ]).state;

  it('stands still for an expert review, refuses decisions meanwhile, and resumes', () => {
    const paused = transition(inReview(), { type: 'PAUSE', kind: 'EXPERT_REVIEW', reason: '组织专家评审' }, 'department_reviewer');
    expect(paused).toMatchObject({ state: { status: 'PAUSED' }, events: ['paused'] });
    expect(() =>
      transition(paused.state, { type: 'DECIDE_TASK', taskId: 't-fire', departmentId: 'fire', decision: 'APPROVED' }, 'department_reviewer'),
    ).toThrow(expect.objectContaining({ violation: 'ACTION_NOT_ALLOWED_IN_STATE' }));
    expect(() => transition(paused.state, { type: 'PAUSE', kind: 'HEARING', reason: '听证' }, 'department_admin')).toThrow(
      expect.objectContaining({ violation: 'ACTION_NOT_ALLOWED_IN_STATE' }),
    );
    expect(transition(paused.state, { type: 'RESUME' }, 'department_admin')).toMatchObject({ state: { status: 'IN_REVIEW' }, events: ['resumed'] });
    expect(transition(paused.state, { type: 'WITHDRAW' }, 'applicant').state.status).toBe('WITHDRAWN');
  });

  it('bounds an extension by the statutory days, wants a reason, and lets only an admin or supervisor decide it', () => {
    const state = inReview();
    const request = (days: number, reason = '情况复杂') => transition(state, { type: 'REQUEST_EXTENSION', days, maxDays: 20, reason }, 'department_reviewer');
    expect(request(20).events).toEqual(['extension-requested']);
    expect(() => request(0)).toThrow(expect.objectContaining({ violation: 'EXTENSION_OUT_OF_RANGE' }));
    expect(() => request(21)).toThrow(expect.objectContaining({ violation: 'EXTENSION_OUT_OF_RANGE' }));
    expect(() => request(5, ' ')).toThrow(expect.objectContaining({ violation: 'REASON_REQUIRED' }));
    expect(transition(state, { type: 'DECIDE_EXTENSION', approve: true }, 'supervisor').events).toEqual(['extended']);
    expect(transition(state, { type: 'DECIDE_EXTENSION', approve: false }, 'department_admin').events).toEqual(['extension-rejected']);
    expect(() => transition(state, { type: 'DECIDE_EXTENSION', approve: true }, 'department_reviewer')).toThrow(
      expect.objectContaining({ violation: 'ROLE_NOT_ALLOWED' }),
    );
  });
});

describe('time limits around pauses', () => {
  const calendar = new WorkingCalendar(CHINA_HOLIDAY_ARRANGEMENTS.filter((a) => a.year === 2026 || a.year === 2027));
  const first = dayNumber('2026-01-05');
  const day = (offset: number) => civilDateOf(first + offset);

  it('moves the due dates by the working days paused (a Monday-to-Monday pause is five days)', () => {
    const dates = { statutoryDueDate: '2026-03-31', promisedDueDate: '2026-03-16', dueSoonOn: '2026-03-13' };
    const pause = { startedOn: '2026-03-02', endedOn: '2026-03-09' };
    expect(pausedWorkingDays(calendar, pause)).toBe(5);
    expect(dueDatesAfterPause(calendar, dates, pause)).toEqual({ statutoryDueDate: '2026-04-08', promisedDueDate: '2026-03-23', dueSoonOn: '2026-03-20' });
    expect(dueDatesAfterExtension(calendar, dates, 3)).toEqual({ statutoryDueDate: '2026-04-03', promisedDueDate: '2026-03-19', dueSoonOn: '2026-03-18' });
  });

  it('never counts a paused day toward a limit, and never moves a limit that had run out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        (acceptedAt, limit, pauseStartsAfter, pauseLasts) => {
          const acceptedOn = day(acceptedAt);
          const due = calendar.addWorkingDays(acceptedOn, limit);
          const pause = { startedOn: day(acceptedAt + pauseStartsAfter), endedOn: day(acceptedAt + pauseStartsAfter + pauseLasts) };
          const after = dueDatesAfterPause(calendar, { statutoryDueDate: due, promisedDueDate: due, dueSoonOn: due }, pause);
          if (pause.startedOn >= due) {
            expect(after.promisedDueDate).toBe(due);
            return;
          }
          const pausedDays = pauseLasts > 0 ? [{ from: civilDateOf(dayNumber(pause.startedOn) + 1), to: pause.endedOn }] : [];
          const moved = after.promisedDueDate as string;
          expect(calendar.workingDaysBetween(acceptedOn, moved, pausedDays)).toBe(limit);
          expect(calendar.isWorkingDay(moved)).toBe(true);
          expect(moved >= due).toBe(true);
          expect(after.statutoryDueDate).toBe(moved);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('stages of the process definition', () => {
  const accepted = () =>
    run(newCase(false), [
      [{ type: 'SUBMIT' }, 'applicant'],
      [{ type: 'ACCEPT', tasks: twoStages.slice(0, 3) }, 'window_clerk'],
    ]);
  const decide = (state: CaseState, taskId: string, decision: 'APPROVED' | 'DENIED', role: WorkflowRole = 'department_reviewer') => {
    const t = state.tasks.find((x) => x.id === taskId);
    return transition(state, { type: 'DECIDE_TASK', taskId, departmentId: t?.departmentId ?? '', decision }, role);
  };

  it('opens stage 1 at acceptance, keeps stage 2 waiting until every stage 1 task approves, then approves after stage 2', () => {
    const { state } = accepted();
    expect(state.tasks.map((t) => [t.id, t.status])).toEqual([['s1-market', 'PENDING'], ['s1-health', 'PENDING'], ['s2-joint', 'WAITING']]);
    const one = decide(state, 's1-market', 'APPROVED');
    expect(one.events).toEqual(['task-decided']);
    expect(one.state.tasks.find((t) => t.id === 's2-joint')?.status).toBe('WAITING');
    const joined = decide(one.state, 's1-health', 'APPROVED');
    expect(joined.events).toEqual(['task-decided', 'stage-opened']);
    expect(joined.state).toMatchObject({ status: 'IN_REVIEW' });
    expect(joined.state.tasks.find((t) => t.id === 's2-joint')?.status).toBe('PENDING');
    const done = decide(joined.state, 's2-joint', 'APPROVED', 'department_admin');
    expect(done).toMatchObject({ state: { status: 'APPROVED', decision: 'APPROVED' }, events: ['task-decided', 'approved'] });
  });

  it('refuses to decide a waiting task, and lets only a department admin decide an admin task', () => {
    const { state } = accepted();
    expect(() => decide(state, 's2-joint', 'APPROVED', 'department_admin')).toThrow(expect.objectContaining({ violation: 'TASK_NOT_OPEN' }));
    const open = decide(decide(state, 's1-market', 'APPROVED').state, 's1-health', 'APPROVED').state;
    expect(() => decide(open, 's2-joint', 'APPROVED', 'department_reviewer')).toThrow(expect.objectContaining({ violation: 'TASK_ROLE_REQUIRED' }));
    expect(() => decide(open, 's1-market', 'DENIED', 'department_admin')).toThrow(expect.objectContaining({ violation: 'TASK_ROLE_REQUIRED' }));
  });

  it('denies the case on a denial in stage 1 and cancels the waiting stage', () => {
    const denied = decide(accepted().state, 's1-health', 'DENIED');
    expect(denied.events).toEqual(['task-decided', 'denied']);
    expect(denied.state.tasks.map((t) => t.status)).toEqual(['CANCELLED', 'DENIED', 'CANCELLED']);
  });

  it('lets only the roles the definition names accept, and wants stages numbered from 1 without gaps', () => {
    const submitted = transition(newCase(false), { type: 'SUBMIT' }, 'applicant').state;
    expect(() => transition(submitted, { type: 'ACCEPT', tasks: twoStages, acceptanceRoles: ['system'] }, 'window_clerk')).toThrow(
      expect.objectContaining({ violation: 'ROLE_NOT_ALLOWED' }),
    );
    expect(transition(submitted, { type: 'ACCEPT', tasks: twoStages, acceptanceRoles: ['system'] }, 'system').state.status).toBe('IN_REVIEW');
    expect(() => transition(submitted, { type: 'ACCEPT', tasks: twoStages.slice(2) }, 'window_clerk')).toThrow(
      expect.objectContaining({ violation: 'INVALID_STAGES' }),
    );
  });
});

describe('case state machine properties', () => {
  const STATUSES: readonly CaseStatus[] = [
    'DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'REFUSED', 'IN_REVIEW', 'PAUSED', 'APPROVED', 'DENIED', 'CONCLUDED', 'DELIVERED', 'WITHDRAWN',
  ];
  const ROLES: readonly WorkflowRole[] = ['applicant', 'window_clerk', 'department_reviewer', 'department_admin', 'supervisor', 'system'];
  const task = fc.constantFrom(...threeDepartments, ...twoStages);
  const action: fc.Arbitrary<CaseAction> = fc.oneof(
    fc.subarray(twoStages, { minLength: 0 }).map((tasks) => ({ type: 'ACCEPT' as const, tasks })),
    fc.constant({ type: 'SUBMIT' as const }),
    fc.constant({ type: 'REQUEST_SUPPLEMENT' as const, missing: ['材料'] }),
    fc.constant({ type: 'RESUBMIT' as const }),
    fc.subarray(threeDepartments, { minLength: 0 }).map((tasks) => ({ type: 'ACCEPT' as const, tasks })),
    fc.constant({ type: 'REFUSE' as const, reason: '不符合条件' }),
    fc.tuple(task, fc.boolean(), fc.constantFrom('APPROVED' as const, 'DENIED' as const)).map(([t, own, decision]) => ({
      type: 'DECIDE_TASK' as const,
      taskId: t.id,
      departmentId: own ? t.departmentId : 'other',
      decision,
    })),
    fc.constant({ type: 'CONCLUDE' as const }),
    fc.constant({ type: 'DELIVER' as const }),
    fc.constant({ type: 'WITHDRAW' as const }),
    fc.constantFrom('EXPERT_REVIEW' as const, 'HEARING' as const).map((kind) => ({ type: 'PAUSE' as const, kind, reason: '专家评审' })),
    fc.constant({ type: 'RESUME' as const }),
    fc.integer({ min: 0, max: 25 }).map((days) => ({ type: 'REQUEST_EXTENSION' as const, days, maxDays: 20, reason: '情况复杂' })),
    fc.boolean().map((approve) => ({ type: 'DECIDE_EXTENSION' as const, approve })),
  );
  const steps = fc.array(fc.tuple(action, fc.constantFrom(...ROLES)), { maxLength: 40 });

  it('never reaches an undefined state, refuses only with a rule error, and ends nothing twice', () => {
    fc.assert(
      fc.property(fc.boolean(), steps, (instant, sequence) => {
        let state = newCase(instant);
        for (const [a, role] of sequence) {
          const before = state;
          try {
            state = transition(state, a, role).state;
          } catch (error) {
            expect(error).toBeInstanceOf(CaseRuleError);
          }
          expect(STATUSES).toContain(state.status);
          if (state.status === 'IN_REVIEW' || state.status === 'PAUSED') expect(state.tasks.some((t) => t.status === 'PENDING')).toBe(true);
          if (before.status === 'PAUSED' && state !== before) expect(['IN_REVIEW', 'PAUSED', 'WITHDRAWN']).toContain(state.status);
          if (before.status === 'PAUSED' && state.tasks !== before.tasks) expect(state.status).toBe('WITHDRAWN');
          if (state.status === 'APPROVED' || state.status === 'DENIED' || state.status === 'CONCLUDED' || state.status === 'DELIVERED') {
            expect(state.decision).toBeDefined();
          }
          if (TERMINAL_STATUSES.includes(before.status)) expect(state).toBe(before);
        }
      }),
    );
  });

  it('never lets a denied case conclude as approved, and never changes a decision once made', () => {
    fc.assert(
      fc.property(fc.boolean(), steps, (instant, sequence) => {
        let state = newCase(instant);
        let firstDecision: CaseState['decision'];
        for (const [a, role] of sequence) {
          try {
            state = transition(state, a, role).state;
          } catch {
            continue;
          }
          firstDecision ??= state.decision;
          if (firstDecision) expect(state.decision).toBe(firstDecision);
          if (state.tasks.some((t) => t.status === 'DENIED')) expect(state.decision).toBe('DENIED');
          if (state.decision === 'APPROVED' && !state.instant) expect(state.tasks.every((t) => t.status === 'APPROVED')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never decides a waiting task, and opens the stages in order', () => {
    fc.assert(
      fc.property(steps, (sequence) => {
        let state = newCase(false);
        for (const [a, role] of sequence) {
          const waiting = a.type === 'DECIDE_TASK' && state.tasks.find((t) => t.id === a.taskId)?.status === 'WAITING';
          try {
            state = transition(state, a, role).state;
            expect(waiting).toBe(false);
          } catch {
            continue;
          }
          for (const t of state.tasks) {
            // A task beyond stage 1 is open or decided only once every task of the earlier stages approved.
            if (t.status === 'PENDING' || t.status === 'APPROVED' || t.status === 'DENIED') {
              expect(state.tasks.filter((e) => e.stage < t.stage).every((e) => e.status === 'APPROVED')).toBe(true);
            }
            if (t.status === 'WAITING') expect(state.tasks.some((e) => e.stage < t.stage && e.status === 'PENDING')).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
