import { DomainException } from '@onewindow/platform/http';
import type { CaseRuleViolation } from '@onewindow/workflow/domain';

export enum ApplicationExceptionCode {
  NOT_FOUND = 'APPLICATION_NOT_FOUND',
  ITEM_NOT_FOUND = 'APPLICATION_ITEM_NOT_FOUND',
  ITEM_RETIRED = 'APPLICATION_ITEM_RETIRED',
  APPLICANT_REQUIRED = 'APPLICATION_APPLICANT_REQUIRED',
  SERVICE_POINT_REQUIRED = 'APPLICATION_SERVICE_POINT_REQUIRED',
  NOT_ALLOWED_NOW = 'APPLICATION_ACTION_NOT_ALLOWED_NOW',
  TASK_NOT_FOUND = 'APPLICATION_TASK_NOT_FOUND',
  TASK_CLAIMED = 'APPLICATION_TASK_CLAIMED_BY_ANOTHER',
  TASK_OF_ANOTHER_DEPARTMENT = 'APPLICATION_TASK_OF_ANOTHER_DEPARTMENT',
  TASK_NOT_OPEN = 'APPLICATION_TASK_NOT_OPEN',
  TASK_ROLE_REQUIRED = 'APPLICATION_TASK_ROLE_REQUIRED',
  INVALID_ACTION = 'APPLICATION_INVALID_ACTION',
  ALREADY_EVALUATED = 'APPLICATION_ALREADY_EVALUATED',
  PAUSE_OF_ANOTHER_DEPARTMENT = 'APPLICATION_PAUSE_OF_ANOTHER_DEPARTMENT',
  EXTENSION_NOT_FOUND = 'APPLICATION_EXTENSION_NOT_FOUND',
  EXTENSION_NOT_ALLOWED = 'APPLICATION_EXTENSION_NOT_ALLOWED',
  TASK_DECIDED = 'APPLICATION_TASK_ALREADY_DECIDED',
}

const STATUS: Record<ApplicationExceptionCode, number> = {
  [ApplicationExceptionCode.NOT_FOUND]: 404,
  [ApplicationExceptionCode.ITEM_NOT_FOUND]: 400,
  [ApplicationExceptionCode.ITEM_RETIRED]: 409,
  [ApplicationExceptionCode.APPLICANT_REQUIRED]: 400,
  [ApplicationExceptionCode.SERVICE_POINT_REQUIRED]: 400,
  [ApplicationExceptionCode.NOT_ALLOWED_NOW]: 409,
  [ApplicationExceptionCode.TASK_NOT_FOUND]: 404,
  [ApplicationExceptionCode.TASK_CLAIMED]: 409,
  [ApplicationExceptionCode.TASK_OF_ANOTHER_DEPARTMENT]: 403,
  [ApplicationExceptionCode.TASK_NOT_OPEN]: 409,
  [ApplicationExceptionCode.TASK_ROLE_REQUIRED]: 403,
  [ApplicationExceptionCode.INVALID_ACTION]: 400,
  [ApplicationExceptionCode.ALREADY_EVALUATED]: 409,
  [ApplicationExceptionCode.PAUSE_OF_ANOTHER_DEPARTMENT]: 403,
  [ApplicationExceptionCode.EXTENSION_NOT_FOUND]: 404,
  [ApplicationExceptionCode.EXTENSION_NOT_ALLOWED]: 409,
  [ApplicationExceptionCode.TASK_DECIDED]: 409,
};

export class ApplicationException extends DomainException<ApplicationExceptionCode> {
  constructor(code: ApplicationExceptionCode, detail: string, field?: string) {
    super(code, STATUS[code], detail, field ? { errors: [{ field, reason: detail }] } : {});
  }

  static notFound(): ApplicationException {
    return new ApplicationException(ApplicationExceptionCode.NOT_FOUND, 'There is no such application');
  }

  /** A rule of the case state machine refused the action. */
  static fromRule(violation: CaseRuleViolation, detail: string): ApplicationException {
    switch (violation) {
      case 'TASK_NOT_FOUND':
        return new ApplicationException(ApplicationExceptionCode.TASK_NOT_FOUND, detail);
      case 'TASK_OF_ANOTHER_DEPARTMENT':
        return new ApplicationException(ApplicationExceptionCode.TASK_OF_ANOTHER_DEPARTMENT, detail);
      case 'TASK_NOT_OPEN':
        return new ApplicationException(ApplicationExceptionCode.TASK_NOT_OPEN, detail);
      case 'TASK_ALREADY_DECIDED':
        return new ApplicationException(ApplicationExceptionCode.TASK_DECIDED, detail);
      case 'REASON_REQUIRED':
        return new ApplicationException(ApplicationExceptionCode.INVALID_ACTION, detail);
      case 'TASK_ROLE_REQUIRED':
        return new ApplicationException(ApplicationExceptionCode.TASK_ROLE_REQUIRED, detail);
      case 'NO_TASKS':
      case 'DUPLICATE_TASK':
      case 'INVALID_STAGES':
        return new ApplicationException(ApplicationExceptionCode.INVALID_ACTION, detail);
      case 'EXTENSION_OUT_OF_RANGE':
        return new ApplicationException(ApplicationExceptionCode.INVALID_ACTION, detail, 'days');
      case 'ROLE_NOT_ALLOWED':
      case 'ACTION_NOT_ALLOWED_IN_STATE':
        return new ApplicationException(ApplicationExceptionCode.NOT_ALLOWED_NOW, detail);
    }
  }
}
