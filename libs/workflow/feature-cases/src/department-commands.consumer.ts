import { Controller, HttpException, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import {
  AccessTokenVerifier,
  extractBearerToken,
  hasAnyRole,
  MissingTokenError,
  Principal,
  Role,
  TokenRejectedError,
} from '@onewindow/platform/auth';
import { EventPublisher, type ReceivedEvent } from '@onewindow/platform/events';
import { RequestContext } from '@onewindow/platform/observability';
import { ApplicationException, ApplicationExceptionCode } from './application.exception';
import { ApplicationsService } from './applications.service';

const DECIDE_TASK = 'gov.onewindow.workflow.command.decide-task.v1';
const ACCEPTED = 'gov.onewindow.workflow.command-result.accepted.v1';
const REJECTED = 'gov.onewindow.workflow.command-result.rejected.v1';
type DecideTask = OneWindowEventMap[typeof DECIDE_TASK];
type RejectionReason = OneWindowEventMap[typeof REJECTED]['reason'];

/** Why a command is refused, from the use case's refusal (NOT_ALLOWED for any other rule). */
const REFUSALS: Partial<Record<ApplicationExceptionCode, RejectionReason>> = {
  [ApplicationExceptionCode.NOT_FOUND]: 'APPLICATION_NOT_FOUND',
  [ApplicationExceptionCode.TASK_NOT_FOUND]: 'TASK_NOT_FOUND',
  [ApplicationExceptionCode.TASK_OF_ANOTHER_DEPARTMENT]: 'DEPARTMENT_MISMATCH',
  [ApplicationExceptionCode.TASK_DECIDED]: 'TASK_ALREADY_DECIDED',
  [ApplicationExceptionCode.TASK_CLAIMED]: 'TASK_CLAIMED',
  [ApplicationExceptionCode.NOT_ALLOWED_NOW]: 'NOT_IN_REVIEW',
};

class CommandRefused extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * The department command topic (`onewindow.workflow.command`): a department's own system decides
 * its tasks, authenticated by a service token in the `authorization` header and verified like an
 * HTTP request. The inbox applies each command id once (a redelivery changes nothing); the result
 * goes to `onewindow.workflow.command-result` through the outbox, in the transaction of the decision.
 */
@Controller()
export class DepartmentCommandsConsumer {
  private readonly logger = new Logger(DepartmentCommandsConsumer.name);

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly applications: ApplicationsService,
    private readonly events: EventPublisher<OneWindowEventMap>,
  ) {}

  @EventPattern(DECIDE_TASK)
  async decideTask(@Payload() command: ReceivedEvent<DecideTask>): Promise<void> {
    const { applicationId, taskId } = command.data;
    const result = { commandId: command.id, applicationId, taskId };
    try {
      const principal = await this.authenticate(command);
      // The events and the audit act name the verified service account, not the sender's ce_actor.
      if (RequestContext.current()) {
        RequestContext.setActor({ id: principal.id, type: 'service', roles: principal.roles, organisationId: principal.organisationId });
      }
      const decided = await this.applications.decideTaskAsDepartmentSystem(principal, applicationId, taskId, {
        decision: command.data.decision,
        ...(command.data.comment !== undefined ? { comment: command.data.comment } : {}),
      });
      await this.events.publish(ACCEPTED, {
        key: applicationId,
        data: { ...result, decision: command.data.decision, status: decided.status, at: new Date().toISOString() },
      });
    } catch (error) {
      const refusal = this.refusalOf(error);
      if (!refusal) throw error;
      this.logger.warn(`department command ${command.id} rejected: ${refusal.reason}`);
      await this.events.publish(REJECTED, {
        key: applicationId,
        data: { ...result, reason: refusal.reason, detail: refusal.detail.slice(0, 500), at: new Date().toISOString() },
      });
    }
  }

  /** Same verifier as HTTP (JWKS, issuer, audience, lifetime, revocation); then a department's service account. */
  private async authenticate(command: ReceivedEvent): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await this.verifier.verify(extractBearerToken(command.headers['authorization']));
    } catch (error) {
      if (error instanceof MissingTokenError) throw new CommandRefused('UNAUTHENTICATED', 'No bearer token in the authorization header');
      if (error instanceof TokenRejectedError) throw new CommandRefused('TOKEN_REJECTED', 'The token is invalid, expired or revoked');
      throw error; // The JWKS or the revocation store did not answer: retry.
    }
    if (!hasAnyRole(principal, Role.Service)) throw new CommandRefused('NOT_A_SERVICE_ACCOUNT', 'Only a department system’s service account may send commands');
    if (!principal.departmentId) throw new CommandRefused('DEPARTMENT_MISMATCH', 'The service account is not bound to a department');
    return principal;
  }

  private refusalOf(error: unknown): CommandRefused | undefined {
    if (error instanceof CommandRefused) return error;
    if (error instanceof ApplicationException) {
      return new CommandRefused(REFUSALS[error.code] ?? 'NOT_ALLOWED', error.detail);
    }
    // The access policy's 403: the case has no task of the account's department. Other errors are faults: retried.
    if (error instanceof HttpException && error.getStatus() === 403) {
      return new CommandRefused('DEPARTMENT_MISMATCH', 'The case has no task of the service account’s department');
    }
    return undefined;
  }
}
