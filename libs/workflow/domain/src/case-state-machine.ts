/**
 * The life of a case (申办件) from draft to delivery, as a pure function of its state and an action.
 * "一窗受理、接办分离": a window (or the online hall) accepts; departments only review, in parallel
 * ("串改并"): the case is approved when every department task approves and denied as soon as one denies.
 */

export type CaseStatus =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'SUPPLEMENT_REQUESTED'
  | 'REFUSED'
  | 'IN_REVIEW'
  | 'APPROVED'
  | 'DENIED'
  | 'CONCLUDED'
  | 'DELIVERED'
  | 'WITHDRAWN';

export type Decision = 'APPROVED' | 'DENIED';

export type WorkflowRole = 'applicant' | 'window_clerk' | 'department_reviewer' | 'system';

export interface TaskState {
  readonly id: string;
  readonly departmentId: string;
  /** REVIEW: one department's review; JOINT_INSPECTION: a site inspection by several departments at once ("单改综"). */
  readonly kind: 'REVIEW' | 'JOINT_INSPECTION';
  readonly status: 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED';
}

export interface CaseState {
  readonly status: CaseStatus;
  /** Instant items (即办件) are concluded at acceptance. */
  readonly instant: boolean;
  readonly tasks: readonly TaskState[];
  readonly decision?: Decision;
  readonly supplementRounds: number;
}

export type CaseAction =
  | { type: 'SUBMIT' }
  | { type: 'REQUEST_SUPPLEMENT'; missing: readonly string[] }
  | { type: 'RESUBMIT' }
  | { type: 'ACCEPT'; tasks: ReadonlyArray<Pick<TaskState, 'id' | 'departmentId' | 'kind'>> }
  | { type: 'REFUSE'; reason: string }
  | { type: 'DECIDE_TASK'; taskId: string; departmentId: string; decision: Decision }
  | { type: 'CONCLUDE' }
  | { type: 'DELIVER' }
  | { type: 'WITHDRAW' };

export type CaseActionType = CaseAction['type'];

export type CaseEventName =
  | 'submitted'
  | 'supplement-requested'
  | 'resubmitted'
  | 'accepted'
  | 'refused'
  | 'task-decided'
  | 'approved'
  | 'denied'
  | 'concluded'
  | 'delivered'
  | 'withdrawn';

export type CaseRuleViolation =
  | 'ACTION_NOT_ALLOWED_IN_STATE'
  | 'ROLE_NOT_ALLOWED'
  | 'TASK_NOT_FOUND'
  | 'TASK_OF_ANOTHER_DEPARTMENT'
  | 'TASK_ALREADY_DECIDED'
  | 'NO_TASKS'
  | 'DUPLICATE_TASK'
  | 'REASON_REQUIRED';

export class CaseRuleError extends Error {
  override name = 'CaseRuleError';

  constructor(
    readonly violation: CaseRuleViolation,
    message: string,
  ) {
    super(message);
  }
}

export interface Transition {
  readonly state: CaseState;
  /** What happened, in order; the workflow publishes one `workflow.application.<name>` event for each. */
  readonly events: readonly CaseEventName[];
}

/** Who may take each action, and in which states. Anything not listed is refused. */
export const CASE_RULES: Readonly<Record<CaseActionType, { roles: readonly WorkflowRole[]; from: readonly CaseStatus[] }>> = {
  SUBMIT: { roles: ['applicant', 'window_clerk'], from: ['DRAFT'] },
  REQUEST_SUPPLEMENT: { roles: ['window_clerk'], from: ['SUBMITTED'] },
  RESUBMIT: { roles: ['applicant', 'window_clerk'], from: ['SUPPLEMENT_REQUESTED'] },
  ACCEPT: { roles: ['window_clerk', 'system'], from: ['SUBMITTED'] },
  REFUSE: { roles: ['window_clerk'], from: ['SUBMITTED', 'SUPPLEMENT_REQUESTED'] },
  DECIDE_TASK: { roles: ['department_reviewer'], from: ['IN_REVIEW'] },
  CONCLUDE: { roles: ['window_clerk', 'system'], from: ['APPROVED', 'DENIED'] },
  DELIVER: { roles: ['window_clerk', 'system'], from: ['CONCLUDED'] },
  WITHDRAW: { roles: ['applicant'], from: ['DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'IN_REVIEW'] },
};

export const TERMINAL_STATUSES: readonly CaseStatus[] = ['REFUSED', 'DELIVERED', 'WITHDRAWN'];

export function newCase(instant: boolean): CaseState {
  return { status: 'DRAFT', instant, tasks: [], supplementRounds: 0 };
}

/** Applies `action` taken by `role`, or throws CaseRuleError saying why it is not allowed. */
export function transition(state: CaseState, action: CaseAction, role: WorkflowRole): Transition {
  const rule = CASE_RULES[action.type];
  if (!rule.roles.includes(role)) {
    throw new CaseRuleError('ROLE_NOT_ALLOWED', `A ${role} may not ${describe(action.type)}`);
  }
  if (!rule.from.includes(state.status)) {
    throw new CaseRuleError('ACTION_NOT_ALLOWED_IN_STATE', `A case that is ${state.status} cannot ${describe(action.type)}`);
  }
  switch (action.type) {
    case 'SUBMIT':
      return { state: { ...state, status: 'SUBMITTED' }, events: ['submitted'] };
    case 'REQUEST_SUPPLEMENT':
      if (action.missing.length === 0) {
        throw new CaseRuleError('REASON_REQUIRED', 'A supplement notice must list every missing or faulty material');
      }
      return {
        state: { ...state, status: 'SUPPLEMENT_REQUESTED', supplementRounds: state.supplementRounds + 1 },
        events: ['supplement-requested'],
      };
    case 'RESUBMIT':
      return { state: { ...state, status: 'SUBMITTED' }, events: ['resubmitted'] };
    case 'REFUSE':
      if (action.reason.trim().length === 0) throw new CaseRuleError('REASON_REQUIRED', 'A refusal must give its reasons');
      return { state: { ...state, status: 'REFUSED' }, events: ['refused'] };
    case 'ACCEPT':
      return accept(state, action.tasks);
    case 'DECIDE_TASK':
      return decideTask(state, action);
    case 'CONCLUDE':
      return { state: { ...state, status: 'CONCLUDED' }, events: ['concluded'] };
    case 'DELIVER':
      return { state: { ...state, status: 'DELIVERED' }, events: ['delivered'] };
    case 'WITHDRAW':
      return {
        state: { ...state, status: 'WITHDRAWN', tasks: cancelPending(state.tasks) },
        events: ['withdrawn'],
      };
  }
}

function accept(state: CaseState, tasks: ReadonlyArray<Pick<TaskState, 'id' | 'departmentId' | 'kind'>>): Transition {
  if (state.instant) {
    return { state: { ...state, status: 'CONCLUDED', decision: 'APPROVED' }, events: ['accepted', 'approved', 'concluded'] };
  }
  if (tasks.length === 0) throw new CaseRuleError('NO_TASKS', 'An item that is not instant needs at least one department task');
  if (new Set(tasks.map((t) => t.id)).size !== tasks.length) throw new CaseRuleError('DUPLICATE_TASK', 'Task ids must be unique');
  return {
    state: { ...state, status: 'IN_REVIEW', tasks: tasks.map((t) => ({ ...t, status: 'PENDING' as const })) },
    events: ['accepted'],
  };
}

function decideTask(state: CaseState, action: Extract<CaseAction, { type: 'DECIDE_TASK' }>): Transition {
  const task = state.tasks.find((t) => t.id === action.taskId);
  if (!task) throw new CaseRuleError('TASK_NOT_FOUND', `The case has no task ${action.taskId}`);
  if (task.departmentId !== action.departmentId) {
    throw new CaseRuleError('TASK_OF_ANOTHER_DEPARTMENT', 'The task belongs to another department');
  }
  if (task.status !== 'PENDING') throw new CaseRuleError('TASK_ALREADY_DECIDED', `The task is already ${task.status}`);
  const tasks = state.tasks.map((t) => (t.id === task.id ? { ...t, status: action.decision } : t));
  if (action.decision === 'DENIED') {
    // Any denial denies the case; the other departments' open tasks are cancelled.
    return { state: { ...state, status: 'DENIED', decision: 'DENIED', tasks: cancelPending(tasks) }, events: ['task-decided', 'denied'] };
  }
  if (tasks.every((t) => t.status === 'APPROVED')) {
    return { state: { ...state, status: 'APPROVED', decision: 'APPROVED', tasks }, events: ['task-decided', 'approved'] };
  }
  return { state: { ...state, tasks }, events: ['task-decided'] };
}

function cancelPending(tasks: readonly TaskState[]): TaskState[] {
  return tasks.map((t) => (t.status === 'PENDING' ? { ...t, status: 'CANCELLED' as const } : t));
}

function describe(type: CaseActionType): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
