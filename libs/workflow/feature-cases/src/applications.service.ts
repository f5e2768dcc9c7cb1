import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { stagedTasks } from '@onewindow/domain/process-definition';
import { chinaDateOf } from '@onewindow/domain/working-calendar';
import { hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import {
  Application,
  ApplicationRepository,
  AuditTrailRepository,
  CatalogCopyRepository,
  Evaluation,
  EvaluationRepository,
  TimeLimitRepository,
} from '@onewindow/workflow/data-access';
import { EMPTY_AUDIT_HEAD, onlineIntakeWindow, tripsForIntake, verifyAuditChain } from '@onewindow/workflow/domain';
import { MaterialsService } from '@onewindow/workflow/feature-materials';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { AuditVerificationResponse, DeliveryDto, SubmitApplicationDto, TaskDecisionDto } from './application.dto';
import { CaseChanges, ChangeStep } from './case-changes';

/** The case's life at the single window and in the departments: intake, acceptance, review, decision, delivery. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cases: CaseChanges,
    private readonly applications: ApplicationRepository,
    private readonly catalog: CatalogCopyRepository,
    private readonly audit: AuditTrailRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly timeLimits: TimeLimitRepository,
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
        closedPauses: [],
        auditHead: EMPTY_AUDIT_HEAD,
      };
      const { state, events } = this.cases.apply(draft, { type: 'SUBMIT' }, byClerk ? 'window_clerk' : 'applicant');
      const { written, alsoWrite } = this.cases.auditAndEvents({ ...draft, status: state.status }, principal, 'SUBMIT', null, events);
      await this.applications.insert(written, alsoWrite);
      await this.materials.attachAtSubmission(principal, written, item.content, input.materials ?? []);
      return written;
    });
  }

  get(principal: Principal, id: string): Promise<Application> {
    return this.tx.transaction(async () => this.cases.load(principal, id, 'read', false));
  }

  mine(principal: Principal): Promise<Application[]> {
    return this.applications.findByApplicant(principal.id, principal.enterpriseId, 100);
  }

  requestSupplement(principal: Principal, id: string, missing: string[]): Promise<Application> {
    return this.cases.change(principal, id, 'act-at-window', () => ({
      action: { type: 'REQUEST_SUPPLEMENT', missing },
      role: 'window_clerk',
      update: (next) => ({ ...next, missingMaterials: missing }),
      reason: missing.join('；'),
    }));
  }

  resubmit(principal: Principal, id: string): Promise<Application> {
    const byClerk = hasAnyRole(principal, Role.WindowClerk);
    return this.cases.change(principal, id, byClerk ? 'act-at-window' : 'act-as-applicant', (application) => ({
      action: { type: 'RESUBMIT' },
      role: byClerk ? 'window_clerk' : 'applicant',
      update: (next) => ({ ...next, missingMaterials: null, trips: application.trips + (byClerk ? 1 : 0) }),
    }));
  }

  refuse(principal: Principal, id: string, reason: string): Promise<Application> {
    return this.cases.change(principal, id, 'act-at-window', () => ({
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
    return this.cases.change(principal, id, 'act-at-window', async (application, calendar) => {
      const process = await this.cases.processOf(application);
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
      const application = await this.cases.load(principal, id, 'review', true);
      const task = this.cases.ownTask(principal, application, taskId);
      if (this.cases.deciderRole(principal, task) !== (task.role ?? 'department_reviewer')) {
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
    return this.cases.change(principal, id, 'review', (application) => {
      const task = this.cases.ownTask(principal, application, taskId);
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
    return this.cases.change(principal, id, 'decide-as-department-system', async (application) => {
      const task = this.cases.ownTask(principal, application, taskId);
      const step = this.decisionStep(principal, task, input);
      // The state machine checks every rule of the decision (case in review, task open and undecided)
      // before the claim is written, so a refusal changes nothing.
      this.cases.apply(application, step.action, step.role);
      if (!(await this.applications.claimTask(taskId, principal.id, new Date()))) {
        throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'A reviewer has claimed this task');
      }
      return step;
    });
  }

  withdraw(principal: Principal, id: string): Promise<Application> {
    return this.cases.change(principal, id, 'act-as-applicant', (application) => ({
      action: { type: 'WITHDRAW' },
      role: 'applicant',
      update: (next) => ({ ...next, concludedAt: new Date() }),
      persist: async () => {
        if (application.status === 'PAUSED') await this.timeLimits.endOpenPause(id, chinaDateOf(new Date()), new Date(), principal.id);
      },
    }));
  }

  deliver(principal: Principal, id: string, input: DeliveryDto): Promise<Application> {
    return this.cases.change(principal, id, 'act-at-window', (application) => ({
      action: { type: 'DELIVER' },
      role: 'window_clerk',
      update: (next) => ({ ...next, deliveryMethod: input.method, trips: application.trips + (input.method === 'PICKUP' ? 1 : 0) }),
    }));
  }

  /** The applicant rates a concluded case once (1 to 5, with an optional comment). */
  evaluate(principal: Principal, id: string, score: number, comment: string | null): Promise<Evaluation> {
    return this.tx.transaction(async () => {
      const application = await this.cases.load(principal, id, 'act-as-applicant', true);
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

  private decisionStep(principal: Principal, task: Application['tasks'][number], input: TaskDecisionDto): ChangeStep {
    return {
      action: { type: 'DECIDE_TASK', taskId: task.id, departmentId: task.departmentId, decision: input.decision },
      role: this.cases.deciderRole(principal, task),
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
}
