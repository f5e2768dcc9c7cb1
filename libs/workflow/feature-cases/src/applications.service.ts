import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { defaultProcessDefinition, ProcessDefinition, stagedTasks } from '@onewindow/domain/process-definition';
import { chinaDateOf, type PausedDays, WorkingCalendar } from '@onewindow/domain/working-calendar';
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
  type ApplicationExtension,
  TimeLimitRepository,
} from '@onewindow/workflow/data-access';
import {
  CaseAction,
  CaseEventName,
  CaseRuleError,
  CaseState,
  dueDateAfterPause,
  dueDatesAfterExtension,
  dueDatesAfterPause,
  pausedDaysOf,
  onlineIntakeWindow,
  pausedWorkingDays,
  transition,
  tripsForIntake,
  verifyAuditChain,
  WorkflowRole,
} from '@onewindow/workflow/domain';
import { MaterialsService } from '@onewindow/workflow/feature-materials';
import { ApplicationAction, applicationPolicy, scopeOf } from './application.access';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { AuditVerificationResponse, DeliveryDto, SubmitApplicationDto, TaskDecisionDto } from './application.dto';
import { WorkingCalendarProvider } from './working-calendar.provider';
import { ExtensionDecisionDto, ExtensionRequestDto, PauseDto } from './time-limits.dto';

type WorkflowEventType = keyof OneWindowEventMap & `gov.onewindow.workflow.application.${string}`;

/** One change to a case: the state-machine action, the fields it updates, and what it writes and publishes besides. */
interface ChangeStep {
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

@Injectable()
export class ApplicationsService {
  private readonly processes = new LRUCache<string, ProcessDefinition>({ max: 2000 });

  constructor(
    private readonly tx: TransactionHost,
    private readonly applications: ApplicationRepository,
    private readonly catalog: CatalogCopyRepository,
    private readonly audit: AuditTrailRepository,
    private readonly calendars: WorkingCalendarProvider,
    private readonly evaluations: EvaluationRepository,
    private readonly timeLimits: TimeLimitRepository,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly materials: MaterialsService,
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
      await this.materials.attachAtSubmission(principal, submitted, item.content, input.materials ?? []);
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
   * Accepts (受理) as the process definition of the case's item version lays out (ADR 0030): the
   * tasks of the first stage open now, later stages wait; only the roles the definition names may
   * accept. The case due dates run in working days from today. An instant item (即办件) is concluded at once.
   */
  accept(principal: Principal, id: string): Promise<Application> {
    return this.change(principal, id, 'act-at-window', async (application, calendar) => {
      const process = await this.processOf(application);
      const tasks = stagedTasks(process).map((t) => ({
        id: randomUUID(),
        departmentId: t.departmentCode,
        kind: t.kind,
        stage: t.stage,
        role: t.role,
        ...(t.withDepartments ? { withDepartments: t.withDepartments } : {}),
      }));
      const today = chinaDateOf(new Date());
      return {
        action: { type: 'ACCEPT', tasks, acceptanceRoles: process.acceptance.roles },
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
      if (this.deciderRole(principal, task) !== (task.role ?? 'department_reviewer')) {
        throw ApplicationException.fromRule('TASK_ROLE_REQUIRED', `The task is decided by a ${task.role ?? 'department_reviewer'}`);
      }
      if (task.status === 'WAITING') throw ApplicationException.fromRule('TASK_NOT_OPEN', `The task opens with stage ${task.stage}`);
      if (task.status !== 'PENDING') throw new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, `The task is already ${task.status}`);
      if (!(await this.applications.claimTask(taskId, principal.id, new Date()))) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Another reviewer has claimed this task');
      }
      // The case row is locked for this transaction: the loaded case plus the claim is what is stored.
      return { ...application, tasks: application.tasks.map((t) => (t.id === taskId ? { ...t, claimedBy: principal.id } : t)) };
    });
  }

  /** Decides a claimed task; the case is decided and concluded when every task approved or one denied. */
  decideTask(principal: Principal, id: string, taskId: string, input: TaskDecisionDto): Promise<Application> {
    return this.change(principal, id, 'review', (application) => {
      const task = this.ownTask(principal, application, taskId);
      if (task.claimedBy !== principal.id) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Claim the task before deciding it');
      }
      return this.decisionStep(principal, task, input);
    });
  }

  /**
   * A department's own system decides a task (command topic): it claims the task for its service
   * account and decides it in one transaction, through the same decision step as a reviewer.
   */
  decideTaskAsDepartmentSystem(principal: Principal, id: string, taskId: string, input: TaskDecisionDto): Promise<Application> {
    return this.change(principal, id, 'decide-as-department-system', async (application) => {
      const task = this.ownTask(principal, application, taskId);
      if (application.status !== 'IN_REVIEW') {
        throw new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, `A case that is ${application.status} cannot decide a task`);
      }
      if (task.status === 'APPROVED' || task.status === 'DENIED' || task.status === 'CANCELLED') {
        throw new ApplicationException(ApplicationExceptionCode.TASK_DECIDED, `The task is already ${task.status}`);
      }
      const step = this.decisionStep(principal, task, input);
      // Every rule of the decision is checked before the claim is written, so a refusal changes nothing.
      this.apply(application, step.action, step.role);
      if (!(await this.applications.claimTask(taskId, principal.id, new Date()))) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'A reviewer has claimed this task');
      }
      return step;
    });
  }

  /** Pauses the review for an expert review or a hearing (专家评审、听证): the time limits stand still. */
  pause(principal: Principal, id: string, input: PauseDto): Promise<Application> {
    return this.change(principal, id, 'hold-review', (application) => {
      const action: CaseAction = { type: 'PAUSE', kind: input.kind, reason: input.reason };
      const role = this.departmentRole(principal);
      this.apply(application, action, role); // The state's refusal (not in review, already paused) comes first.
      const departmentCode = this.holdingDepartment(principal, application);
      const startedAt = new Date();
      const startedOn = chinaDateOf(startedAt);
      return {
        action,
        role,
        reason: input.reason,
        update: (next) => next,
        eventData: {
          kind: input.kind,
          reason: input.reason,
          departmentCode,
          startedOn,
          statutoryDueDate: application.statutoryDueDate,
          promisedDueDate: application.promisedDueDate,
        },
        persist: () =>
          this.timeLimits.insertPause({
            id: randomUUID(),
            applicationId: id,
            kind: input.kind,
            reason: input.reason,
            departmentCode,
            startedOn,
            startedAt,
            startedBy: principal.id,
            endedOn: null,
            endedAt: null,
            endedBy: null,
          }),
      };
    });
  }

  /** Ends the open pause (only the department that paused); the due dates move by the working days paused. */
  resume(principal: Principal, id: string): Promise<Application> {
    return this.change(principal, id, 'hold-review', async (application, calendar) => {
      const pause = await this.timeLimits.findOpenPause(id);
      if (!pause) throw new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, `A case that is ${application.status} is not paused`);
      if (pause.departmentCode !== principal.departmentId) {
        throw new ApplicationException(ApplicationExceptionCode.PAUSE_OF_ANOTHER_DEPARTMENT, 'Only the department that paused the review resumes it');
      }
      const endedAt = new Date();
      const closed = { startedOn: pause.startedOn, endedOn: chinaDateOf(endedAt) };
      const dates = dueDatesAfterPause(calendar, application, closed);
      const moved = dates.promisedDueDate !== application.promisedDueDate || dates.statutoryDueDate !== application.statutoryDueDate;
      return {
        action: { type: 'RESUME' },
        role: this.departmentRole(principal),
        // Open tasks' own limits (their stage's days) move by the same rule.
        update: (next) => ({
          ...next,
          ...dates,
          tasks: next.tasks.map((t) => (t.status === 'PENDING' ? { ...t, dueDate: dueDateAfterPause(calendar, t.dueDate, closed) } : t)),
        }),
        eventData: {
          kind: pause.kind,
          departmentCode: pause.departmentCode,
          ...closed,
          pausedWorkingDays: pausedWorkingDays(calendar, closed),
          statutoryDueDate: dates.statutoryDueDate,
          promisedDueDate: dates.promisedDueDate,
        },
        persist: async () => {
          await this.timeLimits.endPause(pause.id, closed.endedOn, endedAt, principal.id);
          if (moved) await this.timeLimits.rearmSignals(id);
        },
      };
    });
  }

  /** A reviewer holding a task asks to extend the limit (once per case, at most the statutory days). */
  requestExtension(principal: Principal, id: string, input: ExtensionRequestDto): Promise<ApplicationExtension> {
    return this.tx.transaction(async () => {
      let extension: ApplicationExtension | undefined;
      await this.change(principal, id, 'hold-review', async (application) => {
        const action: CaseAction = { type: 'REQUEST_EXTENSION', days: input.days, maxDays: application.statutoryDays, reason: input.reason };
        this.apply(application, action, 'department_reviewer');
        const held = application.tasks.find((t) => t.status === 'PENDING' && t.claimedBy === principal.id);
        if (!held) throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Claim a task of the case before asking for more time');
        const blocking = await this.timeLimits.findBlockingExtension(id);
        if (blocking) {
          const detail = blocking.status === 'PENDING' ? 'An extension is already waiting for a decision' : 'The time limit has already been extended once';
          throw new ApplicationException(ApplicationExceptionCode.EXTENSION_NOT_ALLOWED, detail);
        }
        const requested: ApplicationExtension = {
          id: randomUUID(),
          applicationId: id,
          days: input.days,
          reason: input.reason,
          departmentCode: held.departmentId,
          requestedBy: principal.id,
          requestedAt: new Date(),
          status: 'PENDING',
          decidedBy: null,
          decidedAt: null,
          comment: null,
        };
        extension = requested;
        return {
          action,
          role: 'department_reviewer',
          reason: input.reason,
          update: (next) => next,
          eventData: { extensionId: requested.id, days: input.days, reason: input.reason, departmentCode: requested.departmentCode },
          persist: () => this.timeLimits.insertExtension(requested),
        };
      });
      if (!extension) throw ApplicationException.notFound();
      return extension;
    });
  }

  /** A department admin of the owning department, or a supervisor, approves (dates move) or rejects. */
  decideExtension(principal: Principal, id: string, extensionId: string, input: ExtensionDecisionDto): Promise<ApplicationExtension> {
    return this.tx.transaction(async () => {
      const approve = input.decision === 'APPROVED';
      const comment = input.comment ?? null;
      await this.change(principal, id, 'decide-extension', async (application, calendar) => {
        const extension = await this.timeLimits.findExtension(id, extensionId);
        if (!extension) throw new ApplicationException(ApplicationExceptionCode.EXTENSION_NOT_FOUND, 'The case has no such extension');
        if (extension.status !== 'PENDING') {
          throw new ApplicationException(ApplicationExceptionCode.EXTENSION_NOT_ALLOWED, `The extension is already ${extension.status}`);
        }
        const dates = approve ? dueDatesAfterExtension(calendar, application, extension.days) : application;
        return {
          action: { type: 'DECIDE_EXTENSION', approve },
          role: hasAnyRole(principal, Role.Supervisor) ? 'supervisor' : 'department_admin',
          reason: comment,
          update: (next) => ({ ...next, statutoryDueDate: dates.statutoryDueDate, promisedDueDate: dates.promisedDueDate, dueSoonOn: dates.dueSoonOn }),
          eventData: {
            extensionId,
            days: extension.days,
            ...(approve ? { statutoryDueDate: dates.statutoryDueDate, promisedDueDate: dates.promisedDueDate } : comment ? { comment } : {}),
          },
          persist: async () => {
            await this.timeLimits.decideExtension(extensionId, approve ? 'APPROVED' : 'REJECTED', principal.id, new Date(), comment);
            if (approve) await this.timeLimits.rearmSignals(id);
          },
        };
      });
      const decided = await this.timeLimits.findExtension(id, extensionId);
      if (!decided) throw new ApplicationException(ApplicationExceptionCode.EXTENSION_NOT_FOUND, 'The case has no such extension');
      return decided;
    });
  }

  withdraw(principal: Principal, id: string): Promise<Application> {
    return this.change(principal, id, 'act-as-applicant', (application) => ({
      action: { type: 'WITHDRAW' },
      role: 'applicant',
      update: (next) => ({ ...next, concludedAt: new Date() }),
      persist: async () => {
        if (application.status === 'PAUSED') await this.timeLimits.endOpenPause(id, chinaDateOf(new Date()), new Date(), principal.id);
      },
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
        next = this.concluded(next, calendar, pausedDaysOf(await this.timeLimits.findClosedPauses(id)));
      }
      await this.applications.save(next, application);
      await step.persist?.(next);
      await this.record(next, principal, step.action.type, step.reason ?? null, allEvents, application.status, step.action, step.eventData);
      return next;
    });
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

  private async load(principal: Principal, id: string, access: ApplicationAction, lock: boolean): Promise<Application> {
    const application = await this.applications.findById(id, { lock });
    assertAccess(principal, access, application && scopeOf(application), applicationPolicy, { notFound: ApplicationException.notFound });
    if (!application) throw ApplicationException.notFound();
    return application;
  }

  private decisionStep(principal: Principal, task: Application['tasks'][number], input: TaskDecisionDto): ChangeStep {
    return {
      action: { type: 'DECIDE_TASK', taskId: task.id, departmentId: task.departmentId, decision: input.decision },
      role: this.deciderRole(principal, task),
      reason: input.comment ?? null,
      update: (next) => ({
        ...next,
        tasks: next.tasks.map((t) =>
          t.id === task.id ? { ...t, decidedBy: principal.id, decidedAt: new Date(), comment: input.comment ?? null } : t,
        ),
      }),
      thenConclude: true,
    };
  }

  /** The department pausing: a reviewer holding one of its open tasks, or its admin when it has an open task. */
  private holdingDepartment(principal: Principal, application: Application): string {
    const open = application.tasks.filter((t) => t.status === 'PENDING' && t.departmentId === principal.departmentId);
    const holds = open.some((t) => t.claimedBy === principal.id) || (open.length > 0 && hasAnyRole(principal, Role.DepartmentAdmin));
    if (!holds || !principal.departmentId) {
      throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Claim a task of the case before pausing it');
    }
    return principal.departmentId;
  }

  /**
   * The role a department member decides `task` in: the task's own role when they hold it, else the
   * other one (the state machine then refuses). A department's own system acts for the department.
   */
  private deciderRole(principal: Principal, task: Application['tasks'][number]): WorkflowRole {
    const wanted = task.role ?? 'department_reviewer';
    if (hasAnyRole(principal, Role.Service)) return wanted;
    if (hasAnyRole(principal, wanted === 'department_admin' ? Role.DepartmentAdmin : Role.DepartmentReviewer)) return wanted;
    return wanted === 'department_admin' ? 'department_reviewer' : 'department_admin';
  }

  /** The process definition of the case's item version; versions received before definitions existed get the default one. */
  /** A published item version never changes (ADR 0019), so its definition is read once per replica. */
  private async processOf(application: Application): Promise<ProcessDefinition> {
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

  private departmentRole(principal: Principal): WorkflowRole {
    return hasAnyRole(principal, Role.DepartmentReviewer) ? 'department_reviewer' : 'department_admin';
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
      tasks: state.tasks.map((t) => ({ dueDate: null, claimedBy: null, decidedBy: null, decidedAt: null, comment: null, ...previous.get(t.id), ...t })),
    };
  }

  /** The audit act and the events of one change, in the transaction of the change, which holds the case row lock. */
  private async record(
    application: Application,
    principal: Principal,
    action: string,
    reason: string | null,
    events: readonly CaseEventName[],
    stateBefore: string | null = null,
    caseAction?: CaseAction,
    eventData: Record<string, unknown> = {},
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
    }, { caseRowLocked: true });
    const at = new Date().toISOString();
    const base = {
      applicationId: application.id,
      itemCode: application.itemCode,
      itemVersion: application.itemVersion,
      status: application.status as Exclude<Application['status'], 'DRAFT'>,
      at,
    };
    const decided = caseAction?.type === 'DECIDE_TASK' ? caseAction : undefined;
    // One outbox INSERT for every event of the change.
    await this.events.publishAll(
      events.map((name) => ({
        type: `gov.onewindow.workflow.application.${name}.v1` as WorkflowEventType,
        key: application.id,
        data: this.payloadOf(name, application, base, reason, decided, eventData),
      })) as never,
    );
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
