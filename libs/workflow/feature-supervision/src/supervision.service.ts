import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { chinaDateOf } from '@onewindow/domain/working-calendar';
import { hasAnyRole, Principal, Role } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { DomainException } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import {
  ApplicationRepository,
  ItemPerformance,
  OverdueCase,
  Signal,
  SupervisionRepository,
} from '@onewindow/workflow/data-access';
import { OverdueQuery, SummaryResponse, SupervisionQuery } from './supervision.dto';

const SIGNAL_TYPES = {
  'due-soon': 'gov.onewindow.workflow.application.due-soon.v1',
  overdue: 'gov.onewindow.workflow.application.overdue.v1',
} as const satisfies Record<Signal, keyof OneWindowEventMap>;

const BATCH = 200;
const MAX_PERIOD_MS = 366 * 86_400_000;

class SupervisionException extends DomainException<'SUPERVISION_INVALID_PERIOD' | 'SUPERVISION_NO_DEPARTMENT'> {
  static invalidPeriod(): SupervisionException {
    return new SupervisionException('SUPERVISION_INVALID_PERIOD', 400, 'The period must end after it starts, within 366 days', {
      errors: [{ field: 'to', reason: 'must be after from, at most 366 days later' }],
    });
  }

  static noDepartment(): SupervisionException {
    return new SupervisionException('SUPERVISION_NO_DEPARTMENT', 403, 'Your account is not bound to a department');
  }
}

/** E-supervision (电子监察): yellow and red time-limit signals, and the figures supervisors watch. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly supervision: SupervisionRepository,
    private readonly applications: ApplicationRepository,
    private readonly events: EventPublisher<OneWindowEventMap>,
  ) {}

  /**
   * Raises every signal due at `now` once, in batches: each batch marks its cases and publishes their
   * events in one transaction, so a crash re-raises nothing and loses nothing. Returns how many went out.
   */
  async raiseSignals(now: Date): Promise<Record<Signal, number>> {
    const today = chinaDateOf(now);
    const raised: Record<Signal, number> = { 'due-soon': 0, overdue: 0 };
    for (const signal of ['due-soon', 'overdue'] as const) {
      for (;;) {
        const count = await this.tx.transaction(async () => {
          const ids = await this.supervision.claimSignals(signal, today, BATCH);
          for (const id of ids) await this.publishSignal(signal, id, now);
          return ids.length;
        });
        raised[signal] += count;
        if (count < BATCH) break;
      }
    }
    return raised;
  }

  async summary(principal: Principal, query: SupervisionQuery): Promise<SummaryResponse> {
    const filter = this.filterFor(principal, query);
    const [byDepartment, byItem] = await Promise.all([
      this.supervision.countsByDepartment(filter),
      this.supervision.countsByItem(filter),
    ]);
    return { byDepartment, byItem };
  }

  items(principal: Principal, query: SupervisionQuery): Promise<ItemPerformance[]> {
    return this.supervision.itemPerformance(this.filterFor(principal, query));
  }

  overdue(principal: Principal, query: OverdueQuery): Promise<OverdueCase[]> {
    return this.supervision.overdue(chinaDateOf(new Date()), this.departmentFor(principal, query.departmentCode), 500);
  }

  private async publishSignal(signal: Signal, id: string, now: Date): Promise<void> {
    const application = await this.applications.findById(id);
    if (!application || !application.promisedDueDate || !application.statutoryDueDate) return;
    await this.events.publish(SIGNAL_TYPES[signal], {
      key: application.id,
      data: {
        applicationId: application.id,
        itemCode: application.itemCode,
        itemVersion: application.itemVersion,
        status: 'IN_REVIEW',
        at: now.toISOString(),
        promisedDueDate: application.promisedDueDate,
        statutoryDueDate: application.statutoryDueDate,
        openDepartments: [...new Set(application.tasks.filter((t) => t.status === 'PENDING').map((t) => t.departmentId))],
      },
    });
  }

  private filterFor(principal: Principal, query: SupervisionQuery) {
    const span = query.to.getTime() - query.from.getTime();
    if (span <= 0 || span > MAX_PERIOD_MS) throw SupervisionException.invalidPeriod();
    return { from: query.from, to: query.to, departmentCode: this.departmentFor(principal, query.departmentCode) };
  }

  /** Supervisors and platform admins see any department; a department admin only their own. */
  private departmentFor(principal: Principal, requested: string | undefined): string | undefined {
    if (hasAnyRole(principal, Role.Supervisor, Role.PlatformAdmin)) return requested;
    if (!principal.departmentId) throw SupervisionException.noDepartment();
    return principal.departmentId;
  }
}
