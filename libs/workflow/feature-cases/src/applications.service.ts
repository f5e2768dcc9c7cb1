import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { chinaDateOf, WorkingCalendar } from '@onewindow/domain/working-calendar';
import { assertAccess, hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import {
  Application,
  ApplicationRepository,
  AuditTrailRepository,
  CatalogCopyRepository,
  Evaluation,
  EvaluationRepository,
  HolidayArrangementRepository,
} from '@onewindow/workflow/data-access';
import {
  CaseAction,
  CaseEventName,
  CaseRuleError,
  CaseState,
  onlineIntakeWindow,
  transition,
  tripsForIntake,
  verifyAuditChain,
  WorkflowRole,
} from '@onewindow/workflow/domain';
import { ApplicationAction, applicationPolicy, scopeOf } from './application.access';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { AuditVerificationResponse, DeliveryDto, SubmitApplicationDto, TaskDecisionDto } from './application.dto';

export interface AcceptOptions {
  coReviewingDepartments?: readonly string[];
  jointInspection?: boolean;
}

type WorkflowEventType = keyof OneWindowEventMap & `gov.onewindow.workflow.application.${string}`;

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly applications: ApplicationRepository,
    private readonly catalog: CatalogCopyRepository,
    private readonly audit: AuditTrailRepository,
    private readonly arrangements: HolidayArrangementRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly events: EventPublisher<OneWindowEventMap>,
  ) {}

  /** Files a case under the item's current published version, online or at a service point. */
  submit(principal: Principal, input: SubmitApplicationDto): Promise<Application> {
    return this.tx.transaction(async () => {
      const item = await this.catalog.findCurrent(input.itemCode);
      if (!item) throw new ApplicationException(ApplicationExceptionCode.ITEM_NOT_FOUND, 'is not a published item', 'itemCode');
      if (item.retired) throw new ApplicationException(ApplicationExceptionCode.ITEM_RETIRED, 'The item has been withdrawn from the catalogue');
      const byClerk = hasAnyRole(principal, Role.WindowClerk);
      const applicantId = byClerk ? input.applicantId : principal.id;
      if (!applicantId) {
        throw new ApplicationException(ApplicationExceptionCode.APPLICANT_REQUIRED, 'is required when a window clerk submits', 'applicantId');
      }
      let servicePointId: string | undefined;
      if (byClerk) {
        if (input.channel === 'ONLINE') {
          throw new ApplicationException(ApplicationExceptionCode.INVALID_ACTION, 'a window clerk takes a case in at a service point', 'channel');
        }
        servicePointId = principal.organisationId;
        if (input.servicePointId !== undefined && input.servicePointId !== servicePointId) {
          throw new ApplicationException(ApplicationExceptionCode.INVALID_ACTION, 'must be your own service point', 'servicePointId');
        }
      } else if (input.channel === 'ONLINE') {
        servicePointId = onlineIntakeWindow((item.content as { hallWindow?: string }).hallWindow);
      } else {
        servicePointId = input.servicePointId;
      }
      if (!servicePointId) {
        throw new ApplicationException(ApplicationExceptionCode.SERVICE_POINT_REQUIRED, 'is required for this channel', 'servicePointId');
      }
      const enterpriseId = !byClerk && hasAnyRole(principal, Role.EnterpriseAgent) ? (principal.enterpriseId ?? null) : null;
      const draft: Application = {
        id: randomUUID(),
        itemCode: item.code,
        itemVersion: item.version,
        departmentCode: item.departmentCode,
        applicantId,
        applicantKind: enterpriseId ? 'enterprise' : 'person',
        enterpriseId,
        submittedBy: principal.id,
        channel: input.channel,
        servicePointId,
        status: 'DRAFT',
        instant: item.instant,
        decision: null,
        supplementRounds: 0,
        missingMaterials: null,
        trips: tripsForIntake(input.channel),
        statutoryDays: item.statutoryDays,
        promisedDays: item.promisedDays,
        statutoryDueDate: null,
        promisedDueDate: null,
        submittedAt: new Date(),
        acceptedAt: null,
        concludedAt: null,
        deliveryMethod: null,
        dueSoonOn: null,
        workingDaysTaken: null,
        onTime: null,
        tasks: [],
      };
      const { state, events } = this.apply(draft, { type: 'SUBMIT' }, byClerk ? 'window_clerk' : 'applicant');
      const submitted = { ...draft, status: state.status };
      await this.applications.insert(submitted);
      await this.record(submitted, principal, 'SUBMIT', null, events);
      return submitted;
    });
  }

  get(principal: Principal, id: string): Promise<Application> {
    return this.tx.transaction(async () => this.load(principal, id, 'read', false));
  }

  mine(principal: Principal): Promise<Application[]> {
    return this.applications.findByApplicant(principal.id, principal.enterpriseId, 100);
  }

  requestSupplement(principal: Principal, id: string, missing: string[]): Promise<Application> {
    return this.change(principal, id, 'act-at-window', () => ({
      action: { type: 'REQUEST_SUPPLEMENT', missing },
      role: 'window_clerk',
      update: (next) => ({ ...next, missingMaterials: missing }),
      reason: missing.join('；'),
    }));
  }

  resubmit(principal: Principal, id: string): Promise<Application> {
    const byClerk = hasAnyRole(principal, Role.WindowClerk);
    return this.change(principal, id, byClerk ? 'act-at-window' : 'act-as-applicant', (application) => ({
      action: { type: 'RESUBMIT' },
      role: byClerk ? 'window_clerk' : 'applicant',
      update: (next) => ({ ...next, missingMaterials: null, trips: application.trips + (byClerk ? 1 : 0) }),
    }));
  }

  refuse(principal: Principal, id: string, reason: string): Promise<Application> {
    return this.change(principal, id, 'act-at-window', () => ({
      action: { type: 'REFUSE', reason },
      role: 'window_clerk',
      reason,
      update: (next) => ({ ...next, concludedAt: new Date() }),
    }));
  }

  /**
   * Accepts (受理): opens one review task for the owning department, one for each co-reviewing
   * department ("串改并": all at once), and optionally a joint inspection ("单改综"); the due dates
   * run in working days from today. An instant item (即办件) is concluded at once.
   */
  accept(principal: Principal, id: string, options: AcceptOptions = {}): Promise<Application> {
    return this.change(principal, id, 'act-at-window', (application, calendar) => {
      const departments = [...new Set([application.departmentCode, ...(options.coReviewingDepartments ?? [])])];
      const tasks: Array<{ id: string; departmentId: string; kind: 'REVIEW' | 'JOINT_INSPECTION' }> = departments.map(
        (departmentId) => ({ id: randomUUID(), departmentId, kind: 'REVIEW' }),
      );
      if (options.jointInspection) tasks.push({ id: randomUUID(), departmentId: application.departmentCode, kind: 'JOINT_INSPECTION' });
      const today = chinaDateOf(new Date());
      return {
        action: { type: 'ACCEPT', tasks },
        role: 'window_clerk',
        update: (next) => ({
          ...next,
          acceptedAt: new Date(),
          statutoryDueDate: calendar.addWorkingDays(today, application.statutoryDays),
          promisedDueDate: calendar.addWorkingDays(today, application.promisedDays),
          // Yellow on the working day before the promised limit ends (on the day itself for a one-day limit).
          dueSoonOn: calendar.addWorkingDays(today, Math.max(0, application.promisedDays - 1)),
        }),
      };
    });
  }

  /** Takes a task exclusively; a second reviewer gets 409 until it is decided. */
  claimTask(principal: Principal, id: string, taskId: string): Promise<Application> {
    return this.tx.transaction(async () => {
      const application = await this.load(principal, id, 'review', true);
      const task = this.ownTask(principal, application, taskId);
      if (task.status !== 'PENDING') throw new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, `The task is already ${task.status}`);
      if (!(await this.applications.claimTask(taskId, principal.id, new Date()))) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Another reviewer has claimed this task');
      }
      const claimed = await this.applications.findById(id);
      if (!claimed) throw ApplicationException.notFound();
      return claimed;
    });
  }

  /** Decides a claimed task; the case is decided and concluded when every task approved or one denied. */
  decideTask(principal: Principal, id: string, taskId: string, input: TaskDecisionDto): Promise<Application> {
    return this.change(principal, id, 'review', (application) => {
      const task = this.ownTask(principal, application, taskId);
      if (task.claimedBy !== principal.id) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Claim the task before deciding it');
      }
      return {
        action: { type: 'DECIDE_TASK', taskId, departmentId: task.departmentId, decision: input.decision },
        role: 'department_reviewer',
        reason: input.comment ?? null,
        update: (next) => ({
          ...next,
          tasks: next.tasks.map((t) =>
            t.id === taskId ? { ...t, decidedBy: principal.id, decidedAt: new Date(), comment: input.comment ?? null } : t,
          ),
        }),
        thenConclude: true,
      };
    });
  }

  withdraw(principal: Principal, id: string): Promise<Application> {
    return this.change(principal, id, 'act-as-applicant', () => ({
      action: { type: 'WITHDRAW' },
      role: 'applicant',
      update: (next) => ({ ...next, concludedAt: new Date() }),
    }));
  }

  deliver(principal: Principal, id: string, input: DeliveryDto): Promise<Application> {
    return this.change(principal, id, 'act-at-window', (application) => ({
      action: { type: 'DELIVER' },
      role: 'window_clerk',
      update: (next) => ({ ...next, deliveryMethod: input.method, trips: application.trips + (input.method === 'PICKUP' ? 1 : 0) }),
    }));
  }

  /** The applicant rates a concluded case once (1 to 5, with an optional comment). */
  evaluate(principal: Principal, id: string, score: number, comment: string | null): Promise<Evaluation> {
    return this.tx.transaction(async () => {
      const application = await this.load(principal, id, 'act-as-applicant', true);
      if (application.status !== 'CONCLUDED' && application.status !== 'DELIVERED') {
        throw new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, 'Only a concluded case can be rated');
      }
      const evaluation = await this.evaluations.insertOnce(id, score, comment);
      if (!evaluation) throw new ApplicationException(ApplicationExceptionCode.ALREADY_EVALUATED, 'This case has already been rated');
      return evaluation;
    });
  }

  verifyAudit(id: string): Promise<AuditVerificationResponse> {
    return this.tx.transaction(async () => {
      const acts = await this.audit.listForCase(id);
      if (acts.length === 0) throw ApplicationException.notFound();
      const broken = verifyAuditChain(acts);
      return broken
        ? { intact: false, acts: acts.length, firstBrokenSequence: broken.sequence, reason: broken.reason }
        : { intact: true, acts: acts.length };
    });
  }

  private async change(
    principal: Principal,
    id: string,
    access: ApplicationAction,
    plan: (
      application: Application,
      calendar: WorkingCalendar,
    ) => {
      action: CaseAction;
      role: WorkflowRole;
      update: (next: Application) => Application;
      reason?: string | null;
      thenConclude?: boolean;
    },
  ): Promise<Application> {
    return this.tx.transaction(async () => {
      const application = await this.load(principal, id, access, true);
      const calendar = new WorkingCalendar(await this.arrangements.findAll());
      const step = plan(application, calendar);
      const { state, events } = this.apply(application, step.action, step.role);
      let next = step.update(this.merge(application, state));
      const allEvents = [...events];
      if (step.thenConclude && (next.status === 'APPROVED' || next.status === 'DENIED')) {
        const concluded = this.apply(next, { type: 'CONCLUDE' }, 'system');
        next = this.merge(next, concluded.state);
        allEvents.push(...concluded.events);
      }
      if (next.status === 'CONCLUDED' && application.status !== 'CONCLUDED') next = this.concluded(next, calendar);
      await this.applications.save(next);
      await this.record(next, principal, step.action.type, step.reason ?? null, allEvents, application.status, step.action);
      return next;
    });
  }

  /** When a case concludes: the time it took in working days from acceptance, and whether it kept its promise. */
  private concluded(application: Application, calendar: WorkingCalendar): Application {
    const now = new Date();
    const today = chinaDateOf(now);
    const acceptedOn = application.acceptedAt ? chinaDateOf(application.acceptedAt) : today;
    return {
      ...application,
      concludedAt: now,
      workingDaysTaken: calendar.workingDaysBetween(acceptedOn, today),
      onTime: application.promisedDueDate === null || today <= application.promisedDueDate,
    };
  }

  private async load(principal: Principal, id: string, access: ApplicationAction, lock: boolean): Promise<Application> {
    const application = await this.applications.findById(id, { lock });
    assertAccess(principal, access, application && scopeOf(application), applicationPolicy, { notFound: ApplicationException.notFound });
    if (!application) throw ApplicationException.notFound();
    return application;
  }

  private ownTask(principal: Principal, application: Application, taskId: string) {
    const task = application.tasks.find((t) => t.id === taskId);
    if (!task) throw new ApplicationException(ApplicationExceptionCode.TASK_NOT_FOUND, 'The case has no such task');
    if (task.departmentId !== principal.departmentId) {
      throw new ApplicationException(ApplicationExceptionCode.TASK_OF_ANOTHER_DEPARTMENT, 'The task belongs to another department');
    }
    return task;
  }

  private apply(application: Application, action: CaseAction, role: WorkflowRole) {
    try {
      return transition(this.stateOf(application), action, role);
    } catch (error) {
      if (error instanceof CaseRuleError) throw ApplicationException.fromRule(error.violation, error.message);
      throw error;
    }
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
      tasks: state.tasks.map((t) => ({ claimedBy: null, decidedBy: null, decidedAt: null, comment: null, ...previous.get(t.id), ...t })),
    };
  }

  /** The audit act and the events of one change, in the transaction of the change. */
  private async record(
    application: Application,
    principal: Principal,
    action: string,
    reason: string | null,
    events: readonly CaseEventName[],
    stateBefore: string | null = null,
    caseAction?: CaseAction,
  ): Promise<void> {
    await this.audit.append({
      caseId: application.id,
      actorId: principal.id,
      actorRole: principal.roles.join(','),
      organisationId: principal.organisationId ?? null,
      action,
      stateBefore,
      stateAfter: application.status,
      itemCode: application.itemCode,
      itemVersion: application.itemVersion,
      at: new Date(),
      reason,
    });
    const at = new Date().toISOString();
    const base = {
      applicationId: application.id,
      itemCode: application.itemCode,
      itemVersion: application.itemVersion,
      status: application.status as Exclude<Application['status'], 'DRAFT'>,
      at,
    };
    const decided = caseAction?.type === 'DECIDE_TASK' ? caseAction : undefined;
    for (const name of events) {
      const type = `gov.onewindow.workflow.application.${name}.v1` as WorkflowEventType;
      const data = this.payloadOf(name, application, base, reason, decided);
      await this.events.publish(type, { key: application.id, data } as never);
    }
  }

  private payloadOf(
    name: CaseEventName,
    application: Application,
    base: Record<string, unknown>,
    reason: string | null,
    decided: Extract<CaseAction, { type: 'DECIDE_TASK' }> | undefined,
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
          tasks: application.tasks.map((t) => ({ taskId: t.id, departmentCode: t.departmentId, kind: t.kind })),
          statutoryDueDate: application.statutoryDueDate,
          promisedDueDate: application.promisedDueDate,
        };
      case 'refused':
        return { ...base, reason: reason ?? '' };
      case 'task-decided':
        return { ...base, taskId: decided?.taskId, departmentCode: decided?.departmentId, decision: decided?.decision };
      case 'denied':
        return { ...base, departmentCode: application.tasks.find((t) => t.status === 'DENIED')?.departmentId ?? application.departmentCode };
      case 'concluded':
        return { ...base, decision: application.decision, onTime: application.onTime ?? true };
      case 'delivered':
        return { ...base, deliveryMethod: application.deliveryMethod, trips: application.trips };
      case 'approved':
      case 'resubmitted':
      case 'withdrawn':
        return base;
    }
  }
}
