import { Injectable } from '@nestjs/common';
import { AuditAct, AuditHead, chainAuditAct, ChainedAuditAct } from '@onewindow/workflow/domain';
import { StatementParams, TransactionHost } from '@onewindow/platform/persistence';
import type { Application } from './application.repository';

interface Row {
  case_id: string;
  sequence: number;
  actor_id: string;
  actor_role: string;
  organisation_id: string | null;
  action: string;
  state_before: string | null;
  state_after: string;
  item_code: string;
  item_version: number;
  at: Date;
  reason: string | null;
  previous_hash: string;
  hash: string;
}

/** What the caller supplies; the repository numbers and chains it. */
export type NewAuditAct = Omit<AuditAct, 'sequence' | 'at'> & { at: Date };

/** Who acted, as the access token names them. */
export interface AuditActor {
  readonly id: string;
  readonly roles: readonly string[];
  readonly organisationId?: string;
}

/** The act `actor` took on `application` now, from `stateBefore` to the case's current state. */
export function auditActOf(
  application: Pick<Application, 'id' | 'status' | 'itemCode' | 'itemVersion'>,
  actor: AuditActor,
  action: string,
  stateBefore: string | null,
  reason: string | null,
): NewAuditAct {
  return {
    caseId: application.id,
    actorId: actor.id,
    actorRole: actor.roles.join(','),
    organisationId: actor.organisationId ?? null,
    action,
    stateBefore,
    stateAfter: application.status,
    itemCode: application.itemCode,
    itemVersion: application.itemVersion,
    at: new Date(),
    reason,
  };
}

@Injectable()
export class AuditTrailRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Appends the next act of a case after `head`, the chain's end as read with the case under its row
   * lock (`Application.auditHead`), in the caller's transaction: the lock serialises appends, and an
   * act built on a stale head is refused by the (case_id, sequence) key, so the chain never forks.
   * The insert trigger moves the head on the case row. A change that writes the case itself puts its
   * act in the same statement instead (`chain` and `insertStatement`).
   */
  async append(act: NewAuditAct, head: AuditHead): Promise<ChainedAuditAct> {
    if (!this.tx.inTransaction) throw new Error('AuditTrailRepository.append must run inside the state change transaction');
    const chained = this.chain(act, head);
    const params = new StatementParams();
    await this.tx.prepared(this.insertStatement(chained, params), params.values);
    return chained;
  }

  /** `act` as the next one after `head`: numbered, timestamped to the millisecond and hashed. */
  chain(act: NewAuditAct, head: AuditHead): ChainedAuditAct {
    return chainAuditAct(head, {
      ...act,
      sequence: head.sequence + 1,
      // Milliseconds, as PostgreSQL gives them back, so the stored act hashes the same when re-read.
      at: new Date(Math.floor(act.at.getTime())).toISOString(),
    });
  }

  /**
   * The INSERT of a chained act, its values added to `params`, for the statement that writes the case
   * under its row lock (which serialises appends, as for `append` with a head).
   */
  insertStatement(chained: ChainedAuditAct, params: StatementParams): string {
    const values = params.rows([
      [
        chained.caseId,
        chained.sequence,
        chained.actorId,
        chained.actorRole,
        chained.organisationId,
        chained.action,
        chained.stateBefore,
        chained.stateAfter,
        chained.itemCode,
        chained.itemVersion,
        chained.at,
        chained.reason,
        chained.previousHash,
        chained.hash,
      ],
    ]);
    return `INSERT INTO audit_act (case_id, sequence, actor_id, actor_role, organisation_id, action, state_before,
              state_after, item_code, item_version, at, reason, previous_hash, hash) VALUES ${values}`;
  }

  async listForCase(caseId: string): Promise<ChainedAuditAct[]> {
    const rows: Row[] = await this.tx.manager.query(`SELECT * FROM audit_act WHERE case_id = $1 ORDER BY sequence`, [caseId]);
    return rows.map(toAct);
  }
}

function toAct(row: Row): ChainedAuditAct {
  return {
    caseId: row.case_id,
    sequence: row.sequence,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    organisationId: row.organisation_id,
    action: row.action,
    stateBefore: row.state_before,
    stateAfter: row.state_after,
    itemCode: row.item_code,
    itemVersion: row.item_version,
    at: row.at.toISOString(),
    reason: row.reason,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
