import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { defaultProcessDefinition, ProcessDefinition } from '@onewindow/domain/process-definition';
import { chinaDateOf, type PausedDays, WorkingCalendar } from '@onewindow/domain/working-calendar';
import { assertAccess, hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import {
  AlsoWrite,
  Application,
  ApplicationRepository,
  auditActOf,
  AuditTrailRepository,
  CatalogCopyRepository,
} from '@onewindow/workflow/data-access';
import { CaseAction, CaseEventName, CaseRuleError, CaseState, pausedDaysOf, transition, WorkflowRole } from '@onewindow/workflow/domain';
import { ApplicationAction, applicationPolicy, scopeOf } from './application.access';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { WorkingCalendarProvider } from './working-calendar.provider';

type WorkflowEventType = keyof OneWindowEventMap & `gov.onewindow.workflow.application.${string}`;

/** One change to a case: the state-machine action, the fields it updates, and what it writes and publishes besides. */
export interface ChangeStep {
  action: CaseAction;
  role: WorkflowRole;
  update: (next: Application) => Application;
  reason?: string | null;
  thenConclude?: boolean;
  /** Fields of the change's events beyond the common ones (pauses and extensions). */
  eventData?: Record<string, unknown>;
  /** Rows besides the case itself (a pause, an extension), written in the change's transaction. */
  persist?: (next: Application) => Promise<void>;
}

/**
 * How every use case changes a case: load it under its row lock with the access policy, apply the
 * state machine, write it, and append its audit act and its events through the outbox, all in one
 * transaction. The use cases (ApplicationsService, including the department command topic, and
 * TimeLimitsService) only say what their change is.
 */
@Injectable()
export class CaseChanges {
  private readonly processes = new LRUCache<string, ProcessDefinition>({ max: 2000 });

  constructor(
    private readonly tx: TransactionHost,
    private readonly applications: ApplicationRepository,
    private readonly catalog: CatalogCopyRepository,
    private readonly audit: AuditTrailRepository,
    private readonly calendars: WorkingCalendarProvider,
    private readonly events: EventPublisher<OneWindowEventMap>,
  ) {}

  async change(
    principal: Principal,
    id: string,
    access: ApplicationAction,
    plan: (application: Application, calendar: WorkingCalendar) => ChangeStep | Promise<ChangeStep>,
  ): Promise<Application> {
    return this.tx.transaction(async () => {
      const application = await this.load(principal, id, access, true);
      const calendar = await this.calendars.current();
      const step = await plan(application, calendar);
      const { state, events } = this.apply(application, step.action, step.role);
      let next = await this.openedTasksDue(application, step.update(this.merge(application, state)), calendar);
      const allEvents = [...events];
      if (step.thenConclude && (next.status === 'APPROVED' || next.status === 'DENIED')) {
        const concluded = this.apply(next, { type: 'CONCLUDE' }, 'system');
        next = this.merge(next, concluded.state);
        allEvents.push(...concluded.events);
      }
      if (next.status === 'CONCLUDED' && application.status !== 'CONCLUDED') {
        next = this.concluded(next, calendar, pausedDaysOf(application.closedPauses));
      }
      const { written, alsoWrite } = this.auditAndEvents(next, principal, step.action.type, step.reason ?? null, allEvents, application.status, step.action, step.eventData);
      await this.applications.save(written, application, alsoWrite);
      await step.persist?.(written);
      return written;
    });
  }

  async load(principal: Principal, id: string, access: ApplicationAction, lock: boolean): Promise<Application> {
    const application = await this.applications.findById(id, { lock });
    assertAccess(principal, access, application && scopeOf(application), applicationPolicy, { notFound: ApplicationException.notFound });
    if (!application) throw ApplicationException.notFound();
    return application;
  }

  apply(application: Application, action: CaseAction, role: WorkflowRole) {
    try {
      return transition(this.stateOf(application), action, role);
    } catch (error) {
      if (error instanceof CaseRuleError) throw ApplicationException.fromRule(error.violation, error.message);
      throw error;
    }
  }

  /**
   * The audit act and the events of one change, written in the same statement as the case
   * (`alsoWrite`, for `ApplicationRepository.save` or `insert`) in the change's transaction, which
   * holds the case row lock; `written` is the case with its audit chain's new head.
   */
  auditAndEvents(
    application: Application,
    principal: Principal,
    action: string,
    reason: string | null,
    events: readonly CaseEventName[],
    stateBefore: string | null = null,
    caseAction?: CaseAction,
    eventData: Record<string, unknown> = {},
  ): { written: Application; alsoWrite: AlsoWrite } {
    const act = this.audit.chain(auditActOf(application, principal, action, stateBefore, reason), application.auditHead);
    const at = new Date().toISOString();
    const base = {
      applicationId: application.id,
      itemCode: application.itemCode,
      itemVersion: application.itemVersion,
      status: application.status as Exclude<Application['status'], 'DRAFT'>,
      at,
    };
    const decided = caseAction?.type === 'DECIDE_TASK' ? caseAction : undefined;
    const outgoing = events.map((name) => ({
      type: `gov.onewindow.workflow.application.${name}.v1` as WorkflowEventType,
      key: application.id,
      data: this.payloadOf(name, application, base, reason, decided, eventData),
    }));
    return {
      written: { ...application, auditHead: { sequence: act.sequence, hash: act.hash } },
      alsoWrite: (params) => {
        const outbox = this.events.insertStatement(outgoing as never, params);
        return [this.audit.insertStatement(act, params), ...(outbox ? [outbox] : [])];
      },
    };
  }

  /** The process definition of the case's item version; versions received before definitions existed get the default one. */
  /** A published item version never changes (ADR 0019), so its definition is read once per replica. */
  async processOf(application: Application): Promise<ProcessDefinition> {
    const key = `${application.itemCode}@${application.itemVersion}`;
    const known = this.processes.get(key);
    if (known) return known;
    const version = await this.catalog.findVersion(application.itemCode, application.itemVersion);
    const process =
      (version?.content as { process?: ProcessDefinition } | undefined)?.process ??
      defaultProcessDefinition({ departmentCode: application.departmentCode, instant: application.instant, promisedDays: application.promisedDays });
    if (version) this.processes.set(key, process);
    return process;
  }

  ownTask(principal: Principal, application: Application, taskId: string) {
    const task = application.tasks.find((t) => t.id === taskId);
    if (!task) throw new ApplicationException(ApplicationExceptionCode.TASK_NOT_FOUND, 'The case has no such task');
    if (task.departmentId !== principal.departmentId) {
      throw new ApplicationException(ApplicationExceptionCode.TASK_OF_ANOTHER_DEPARTMENT, 'The task belongs to another department');
    }
    return task;
  }

  departmentRole(principal: Principal): WorkflowRole {
    return hasAnyRole(principal, Role.DepartmentReviewer) ? 'department_reviewer' : 'department_admin';
  }

  /**
   * The role a department member decides `task` in: the task's own role when they hold it, else the
   * other one (the state machine then refuses). A department's own system acts for the department.
   */
  deciderRole(principal: Principal, task: Application['tasks'][number]): WorkflowRole {
    const wanted = task.role ?? 'department_reviewer';
    if (hasAnyRole(principal, Role.Service)) return wanted;
    if (hasAnyRole(principal, wanted === 'department_admin' ? Role.DepartmentAdmin : Role.DepartmentReviewer)) return wanted;
    return wanted === 'department_admin' ? 'department_reviewer' : 'department_admin';
  }

  /** When a case concludes: the working days it took from acceptance (paused days excluded), and whether it kept its promise. */
  private concluded(application: Application, calendar: WorkingCalendar, paused: readonly PausedDays[] = []): Application {
    const now = new Date();
    const today = chinaDateOf(now);
    const acceptedOn = application.acceptedAt ? chinaDateOf(application.acceptedAt) : today;
    return {
      ...application,
      concludedAt: now,
      workingDaysTaken: calendar.workingDaysBetween(acceptedOn, today, paused),
      onTime: application.promisedDueDate === null || today <= application.promisedDueDate,
    };
  }

  /** Tasks that opened in this change (at acceptance, or when their stage opened) are due in their stage's working days from today. */
  private async openedTasksDue(before: Application, next: Application, calendar: WorkingCalendar): Promise<Application> {
    const was = new Map(before.tasks.map((t) => [t.id, t.status]));
    const opened = next.tasks.filter((t) => t.status === 'PENDING' && was.get(t.id) !== 'PENDING');
    if (opened.length === 0) return next;
    const { stages } = await this.processOf(next);
    const today = chinaDateOf(new Date());
    const ids = new Set(opened.map((t) => t.id));
    return {
      ...next,
      tasks: next.tasks.map((t) => (ids.has(t.id) ? { ...t, dueDate: calendar.addWorkingDays(today, stages[t.stage - 1]?.days ?? 0) } : t)),
    };
  }

  private stateOf(application: Application): CaseState {
    return {
      status: application.status,
      instant: application.instant,
      tasks: application.tasks,
      decision: application.decision ?? undefined,
      supplementRounds: application.supplementRounds,
    };
  }

  private merge(application: Application, state: CaseState): Application {
    const previous = new Map(application.tasks.map((t) => [t.id, t]));
    return {
      ...application,
      status: state.status,
      decision: state.decision ?? null,
      supplementRounds: state.supplementRounds,
      tasks: state.tasks.map((t) => ({ dueDate: null, claimedBy: null, decidedBy: null, decidedAt: null, comment: null, ...previous.get(t.id), ...t })),
    };
  }

  private payloadOf(
    name: CaseEventName,
    application: Application,
    base: Record<string, unknown>,
    reason: string | null,
    decided: Extract<CaseAction, { type: 'DECIDE_TASK' }> | undefined,
    eventData: Record<string, unknown> = {},
  ): Record<string, unknown> {
    switch (name) {
      case 'submitted':
        return {
          ...base,
          channel: application.channel,
          ...(application.servicePointId ? { servicePointId: application.servicePointId } : {}),
          applicantKind: application.applicantKind,
          departmentCode: application.departmentCode,
        };
      case 'supplement-requested':
        return { ...base, missing: application.missingMaterials ?? [] };
      case 'accepted':
        return {
          ...base,
          tasks: application.tasks.map(taskPayload),
          statutoryDueDate: application.statutoryDueDate,
          promisedDueDate: application.promisedDueDate,
        };
      case 'refused':
        return { ...base, reason: reason ?? '' };
      case 'task-decided':
        return { ...base, taskId: decided?.taskId, departmentCode: decided?.departmentId, decision: decided?.decision };
      case 'stage-opened': {
        const stage = Math.min(...application.tasks.filter((t) => t.status === 'PENDING').map((t) => t.stage));
        return { ...base, stage, tasks: application.tasks.filter((t) => t.status === 'PENDING' && t.stage === stage).map(taskPayload) };
      }
      case 'denied':
        return { ...base, departmentCode: application.tasks.find((t) => t.status === 'DENIED')?.departmentId ?? application.departmentCode };
      case 'concluded':
        return { ...base, decision: application.decision, onTime: application.onTime ?? true };
      case 'delivered':
        return { ...base, deliveryMethod: application.deliveryMethod, trips: application.trips };
      case 'paused':
      case 'resumed':
      case 'extension-requested':
      case 'extended':
      case 'extension-rejected':
        return { ...base, ...eventData };
      case 'approved':
      case 'resubmitted':
      case 'withdrawn':
        return base;
    }
  }
}

function taskPayload(task: Application['tasks'][number]): Record<string, unknown> {
  return {
    taskId: task.id,
    departmentCode: task.departmentId,
    kind: task.kind,
    stage: task.stage,
    status: task.status,
    role: task.role ?? 'department_reviewer',
    ...(task.withDepartments ? { withDepartments: task.withDepartments } : {}),
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
  };
}
