/**
 * The life of a case (申办件) from draft to delivery, as a pure function of its state and an action.
 * "一窗受理、接办分离": a window (or the online hall) accepts; departments only review, in stages that
 * follow one another, the tasks of a stage in parallel ("串改并"): the case is approved when every task
 * of the last stage approves and denied as soon as one task denies (ADR 0030).
 */

export type CaseStatus =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'SUPPLEMENT_REQUESTED'
  | 'REFUSED'
  | 'IN_REVIEW'
  /** Review stands still for an expert review (专家评审) or a hearing (听证); the time limit does not run. */
  | 'PAUSED'
  | 'APPROVED'
  | 'DENIED'
  | 'CONCLUDED'
  | 'DELIVERED'
  | 'WITHDRAWN';

export type Decision = 'APPROVED' | 'DENIED';

export type WorkflowRole = 'applicant' | 'window_clerk' | 'department_reviewer' | 'department_admin' | 'supervisor' | 'system';

/** Why review stands still (the supplement before acceptance is its own state). */
export type PauseKind = 'EXPERT_REVIEW' | 'HEARING';

export interface TaskState {
  readonly id: string;
  readonly departmentId: string;
  /** REVIEW: one department's review; JOINT_INSPECTION: a site inspection by several departments at once ("单改综"). */
  readonly kind: 'REVIEW' | 'JOINT_INSPECTION';
  /** WAITING: its stage has not opened yet; PENDING: open for decision. */
  readonly status: 'WAITING' | 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED';
  /** Stages (from 1) run in order; the tasks of one stage run in parallel (ADR 0030). */
  readonly stage: number;
  /** Who decides the task; a department_admin task is decided by a department_admin only. */
  readonly role?: TaskRole;
  /** JOINT_INSPECTION: the departments inspecting together with the leading one ("单改综"). */
  readonly withDepartments?: readonly string[];
}

export type TaskRole = 'department_reviewer' | 'department_admin';

/** A task to open at acceptance, as the item version's process definition lays it out. */
export type NewTask = Pick<TaskState, 'id' | 'departmentId' | 'kind' | 'stage' | 'role' | 'withDepartments'>;

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
  /** `acceptanceRoles`: who the item's process definition lets accept (narrows CASE_RULES). */
  | { type: 'ACCEPT'; tasks: readonly NewTask[]; acceptanceRoles?: readonly WorkflowRole[] }
  | { type: 'REFUSE'; reason: string }
  | { type: 'DECIDE_TASK'; taskId: string; departmentId: string; decision: Decision }
  | { type: 'CONCLUDE' }
  | { type: 'DELIVER' }
  | { type: 'WITHDRAW' }
  | { type: 'PAUSE'; kind: PauseKind; reason: string }
  | { type: 'RESUME' }
  /** `maxDays`: the law allows one extension of at most the item's statutory days. */
  | { type: 'REQUEST_EXTENSION'; days: number; maxDays: number; reason: string }
  | { type: 'DECIDE_EXTENSION'; approve: boolean };

export type CaseActionType = CaseAction['type'];

export type CaseEventName =
  | 'submitted'
  | 'supplement-requested'
  | 'resubmitted'
  | 'accepted'
  | 'refused'
  | 'task-decided'
  | 'stage-opened'
  | 'approved'
  | 'denied'
  | 'concluded'
  | 'delivered'
  | 'withdrawn'
  | 'paused'
  | 'resumed'
  | 'extension-requested'
  | 'extended'
  | 'extension-rejected';

export type CaseRuleViolation =
  | 'ACTION_NOT_ALLOWED_IN_STATE'
  | 'ROLE_NOT_ALLOWED'
  | 'TASK_NOT_FOUND'
  | 'TASK_OF_ANOTHER_DEPARTMENT'
  | 'TASK_ALREADY_DECIDED'
  | 'NO_TASKS'
  | 'DUPLICATE_TASK'
  | 'REASON_REQUIRED'
  | 'TASK_NOT_OPEN'
  | 'TASK_ROLE_REQUIRED'
  | 'INVALID_STAGES'
  | 'EXTENSION_OUT_OF_RANGE';

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
  DECIDE_TASK: { roles: ['department_reviewer', 'department_admin'], from: ['IN_REVIEW'] },
  CONCLUDE: { roles: ['window_clerk', 'system'], from: ['APPROVED', 'DENIED'] },
  DELIVER: { roles: ['window_clerk', 'system'], from: ['CONCLUDED'] },
  WITHDRAW: { roles: ['applicant'], from: ['DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'IN_REVIEW', 'PAUSED'] },
  PAUSE: { roles: ['department_reviewer', 'department_admin'], from: ['IN_REVIEW'] },
  RESUME: { roles: ['department_reviewer', 'department_admin'], from: ['PAUSED'] },
  REQUEST_EXTENSION: { roles: ['department_reviewer'], from: ['IN_REVIEW', 'PAUSED'] },
  DECIDE_EXTENSION: { roles: ['department_admin', 'supervisor'], from: ['IN_REVIEW', 'PAUSED'] },
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
  if (action.type === 'ACCEPT' && action.acceptanceRoles && !action.acceptanceRoles.includes(role)) {
    throw new CaseRuleError('ROLE_NOT_ALLOWED', `The item's process does not let a ${role} accept`);
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
      return decideTask(state, action, role);
    case 'CONCLUDE':
      return { state: { ...state, status: 'CONCLUDED' }, events: ['concluded'] };
    case 'DELIVER':
      return { state: { ...state, status: 'DELIVERED' }, events: ['delivered'] };
    case 'WITHDRAW':
      return {
        state: { ...state, status: 'WITHDRAWN', tasks: cancelPending(state.tasks) },
        events: ['withdrawn'],
      };
    case 'PAUSE':
      if (action.reason.trim().length === 0) throw new CaseRuleError('REASON_REQUIRED', 'A pause must give its reason');
      return { state: { ...state, status: 'PAUSED' }, events: ['paused'] };
    case 'RESUME':
      return { state: { ...state, status: 'IN_REVIEW' }, events: ['resumed'] };
    case 'REQUEST_EXTENSION':
      if (action.reason.trim().length === 0) throw new CaseRuleError('REASON_REQUIRED', 'An extension must give its reason');
      if (!Number.isInteger(action.days) || action.days < 1 || action.days > action.maxDays) {
        throw new CaseRuleError('EXTENSION_OUT_OF_RANGE', `An extension is 1 to ${action.maxDays} working days`);
      }
      return { state, events: ['extension-requested'] };
    case 'DECIDE_EXTENSION':
      return { state, events: [action.approve ? 'extended' : 'extension-rejected'] };
  }
}

function accept(state: CaseState, tasks: readonly NewTask[]): Transition {
  if (state.instant) {
    return { state: { ...state, status: 'CONCLUDED', decision: 'APPROVED' }, events: ['accepted', 'approved', 'concluded'] };
  }
  if (tasks.length === 0) throw new CaseRuleError('NO_TASKS', 'An item that is not instant needs at least one department task');
  if (new Set(tasks.map((t) => t.id)).size !== tasks.length) throw new CaseRuleError('DUPLICATE_TASK', 'Task ids must be unique');
  const stages = new Set(tasks.map((t) => t.stage));
  if (![...stages].every((n) => Number.isInteger(n) && n >= 1 && n <= stages.size)) {
    throw new CaseRuleError('INVALID_STAGES', 'Stages must be numbered from 1 without gaps');
  }
  return {
    state: { ...state, status: 'IN_REVIEW', tasks: tasks.map((t) => ({ ...t, status: t.stage === 1 ? ('PENDING' as const) : ('WAITING' as const) })) },
    events: ['accepted'],
  };
}

/**
 * One department decides its task. A denial denies the case at once; when the last open task of a
 * stage approves, the next stage's tasks open ('stage-opened'), and after the last stage the case is approved.
 */
function decideTask(state: CaseState, action: Extract<CaseAction, { type: 'DECIDE_TASK' }>, role: WorkflowRole): Transition {
  const task = state.tasks.find((t) => t.id === action.taskId);
  if (!task) throw new CaseRuleError('TASK_NOT_FOUND', `The case has no task ${action.taskId}`);
  if (task.departmentId !== action.departmentId) {
    throw new CaseRuleError('TASK_OF_ANOTHER_DEPARTMENT', 'The task belongs to another department');
  }
  if (role !== (task.role ?? 'department_reviewer')) {
    throw new CaseRuleError('TASK_ROLE_REQUIRED', `The task is decided by a ${task.role ?? 'department_reviewer'}`);
  }
  if (task.status === 'WAITING') throw new CaseRuleError('TASK_NOT_OPEN', `The task opens with stage ${task.stage}`);
  if (task.status !== 'PENDING') throw new CaseRuleError('TASK_ALREADY_DECIDED', `The task is already ${task.status}`);
  const decided = state.tasks.map((t) => (t.id === task.id ? { ...t, status: action.decision } : t));
  if (action.decision === 'DENIED') {
    // Any denial denies the case; the other departments' open and waiting tasks are cancelled.
    return { state: { ...state, status: 'DENIED', decision: 'DENIED', tasks: cancelPending(decided) }, events: ['task-decided', 'denied'] };
  }
  if (decided.some((t) => t.stage === task.stage && t.status !== 'APPROVED')) {
    return { state: { ...state, tasks: decided }, events: ['task-decided'] };
  }
  const next = Math.min(...decided.filter((t) => t.status === 'WAITING').map((t) => t.stage));
  if (Number.isFinite(next)) {
    const tasks = decided.map((t) => (t.stage === next && t.status === 'WAITING' ? { ...t, status: 'PENDING' as const } : t));
    return { state: { ...state, tasks }, events: ['task-decided', 'stage-opened'] };
  }
  return { state: { ...state, status: 'APPROVED', decision: 'APPROVED', tasks: decided }, events: ['task-decided', 'approved'] };
}

/** Closes every task not decided yet: open (PENDING) and not yet opened (WAITING). */
function cancelPending(tasks: readonly TaskState[]): TaskState[] {
  return tasks.map((t) => (t.status === 'PENDING' || t.status === 'WAITING' ? { ...t, status: 'CANCELLED' as const } : t));
}

function describe(type: CaseActionType): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
