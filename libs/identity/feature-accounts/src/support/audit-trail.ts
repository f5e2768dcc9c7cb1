import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '@onewindow/identity/data-access';
import { RequestContext } from '@onewindow/platform/observability';

export interface AuditRecord {
  readonly action: string;
  readonly accountId: string | null;
  readonly purpose?: string;
  readonly details?: Record<string, unknown>;
  /** Who acted when the request carries no principal (registration, login). */
  readonly actor?: { readonly id: string | null; readonly type: string };
}

/** Writes audit rows in the caller's transaction, naming the request's actor and correlation id. */
@Injectable()
export class AuditTrail {
  constructor(private readonly log: AuditLogRepository) {}

  async record(record: AuditRecord): Promise<void> {
    const context = RequestContext.current();
    const actor = context?.actor;
    await this.log.append({
      action: record.action,
      accountId: record.accountId,
      actorId: actor?.id ?? record.actor?.id ?? null,
      actorType: actor?.type ?? record.actor?.type ?? 'anonymous',
      organisationId: actor?.organisationId ?? null,
      purpose: record.purpose ?? null,
      correlationId: context?.correlationId ?? null,
      details: record.details ?? {},
    });
  }
}
