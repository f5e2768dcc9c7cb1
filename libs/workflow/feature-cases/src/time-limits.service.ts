import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { chinaDateOf } from '@onewindow/domain/working-calendar';
import { hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import { Application, type ApplicationExtension, TimeLimitRepository } from '@onewindow/workflow/data-access';
import { CaseAction, dueDateAfterPause, dueDatesAfterExtension, dueDatesAfterPause, pausedWorkingDays } from '@onewindow/workflow/domain';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { CaseChanges } from './case-changes';
import { ExtensionDecisionDto, ExtensionRequestDto, PauseDto } from './time-limits.dto';

/** Pauses (expert review, hearing) and extensions of a case's time limits (ADR 0029). */
@Injectable()
export class TimeLimitsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly cases: CaseChanges,
    private readonly timeLimits: TimeLimitRepository,
  ) {}

  /** Pauses the review for an expert review or a hearing (专家评审、听证): the time limits stand still. */
  pause(principal: Principal, id: string, input: PauseDto): Promise<Application> {
    return this.cases.change(principal, id, 'hold-review', (application) => {
      const action: CaseAction = { type: 'PAUSE', kind: input.kind, reason: input.reason };
      const role = this.cases.departmentRole(principal);
      this.cases.apply(application, action, role); // The state's refusal (not in review, already paused) comes first.
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
    return this.cases.change(principal, id, 'hold-review', async (application, calendar) => {
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
        role: this.cases.departmentRole(principal),
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
      await this.cases.change(principal, id, 'hold-review', async (application) => {
        const action: CaseAction = { type: 'REQUEST_EXTENSION', days: input.days, maxDays: application.statutoryDays, reason: input.reason };
        this.cases.apply(application, action, 'department_reviewer');
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
      await this.cases.change(principal, id, 'decide-extension', async (application, calendar) => {
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

  /** The department pausing: a reviewer holding one of its open tasks, or its admin when it has an open task. */
  private holdingDepartment(principal: Principal, application: Application): string {
    const open = application.tasks.filter((t) => t.status === 'PENDING' && t.departmentId === principal.departmentId);
    const holds = open.some((t) => t.claimedBy === principal.id) || (open.length > 0 && hasAnyRole(principal, Role.DepartmentAdmin));
    if (!holds || !principal.departmentId) {
      throw new ApplicationException(ApplicationExceptionCode.TASK_CLAIMED, 'Claim a task of the case before pausing it');
    }
    return principal.departmentId;
  }
}
