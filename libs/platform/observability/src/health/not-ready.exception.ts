import { ServiceUnavailableException } from '@nestjs/common';

export interface CheckOutcome {
  name: string;
  status: 'up' | 'down';
  reason?: string;
}

/**
 * 503 for `/health/ready`. The body carries a stable `code`, a `detail` and a `checks` extension member,
 * which the platform's problem+json filter keeps.
 */
export class NotReadyException extends ServiceUnavailableException {
  constructor(code: 'NOT_READY' | 'SHUTTING_DOWN', detail: string, checks: CheckOutcome[] = []) {
    super(checks.length > 0 ? { code, detail, checks } : { code, detail });
  }
}
