import fc from 'fast-check';
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

const threeDepartments = [
  { id: 't-market', departmentId: 'market', kind: 'REVIEW' as const },
  { id: 't-fire', departmentId: 'fire', kind: 'REVIEW' as const },
  { id: 't-joint', departmentId: 'housing', kind: 'JOINT_INSPECTION' as const },
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

describe('case state machine properties', () => {
  const STATUSES: readonly CaseStatus[] = [
    'DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'REFUSED', 'IN_REVIEW', 'APPROVED', 'DENIED', 'CONCLUDED', 'DELIVERED', 'WITHDRAWN',
  ];
  const ROLES: readonly WorkflowRole[] = ['applicant', 'window_clerk', 'department_reviewer', 'system'];
  const task = fc.constantFrom(...threeDepartments);
  const action: fc.Arbitrary<CaseAction> = fc.oneof(
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
          if (state.status === 'IN_REVIEW') expect(state.tasks.some((t) => t.status === 'PENDING')).toBe(true);
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
});
