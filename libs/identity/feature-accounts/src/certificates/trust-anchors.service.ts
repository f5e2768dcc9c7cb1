import { Injectable } from '@nestjs/common';
import { TrustAnchor, TrustAnchorProblem, TrustStore, validateTrustAnchor } from '@onewindow/identity/certificates';
import { TrustAnchorRepository } from '@onewindow/identity/data-access';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { AddTrustAnchorDto, TrustAnchorResponse } from './certificate.dto';

/** How long a replica uses the roots it loaded before reading them again (another replica may have changed them). */
const CACHE_MS = 30_000;

const toResponse = (anchor: TrustAnchor): TrustAnchorResponse => ({
  id: anchor.id,
  label: anchor.label,
  subject: anchor.subject,
  fingerprintSha256: anchor.fingerprintSha256,
  keyAlgorithm: anchor.keyAlgorithm,
  notBefore: anchor.notBefore.toISOString(),
  notAfter: anchor.notAfter.toISOString(),
});

function invalidAnchor(problems: ReadonlyArray<Pick<TrustAnchorProblem, 'field' | 'reason' | 'detail'>>): IdentityException {
  return new IdentityException(
    IdentityExceptionCode.TRUST_ANCHOR_INVALID,
    'The certificate cannot be a trust anchor.',
    problems.map((problem) => ({ field: problem.field ?? '(root)', reason: `${problem.reason}: ${problem.detail}` })),
  );
}

/** The CA roots of several CAs that certificate login recognises, managed by platform admins. */
@Injectable()
export class TrustAnchorsService {
  private cache?: { store: TrustStore; loadedAt: number };

  constructor(
    private readonly anchors: TrustAnchorRepository,
    private readonly audit: AuditTrail,
    private readonly tx: TransactionHost,
  ) {}

  async store(): Promise<TrustStore> {
    if (this.cache && Date.now() - this.cache.loadedAt < CACHE_MS) return this.cache.store;
    const rows = await this.anchors.list();
    // Without a date: a stored root that has expired since is reported by the chain check (EXPIRED), not here.
    const result = TrustStore.create(rows.map((row) => ({ id: row.id, label: row.label, certificatePem: row.certificatePem })));
    if (!result.ok) throw new Error(`stored trust anchors no longer load: ${result.problems.map((p) => p.reason).join(', ')}`);
    this.cache = { store: result.store, loadedAt: Date.now() };
    return result.store;
  }

  async list(): Promise<TrustAnchorResponse[]> {
    return (await this.store()).anchors.map(toResponse);
  }

  async add(dto: AddTrustAnchorDto): Promise<TrustAnchorResponse> {
    const added = await this.tx.transaction(async () => {
      await this.anchors.lockStore();
      const existing = await this.anchors.list();
      const own = validateTrustAnchor(dto, new Date());
      if (!own.ok) throw invalidAnchor([own.problem]);
      const inputs = [...existing.map((row) => ({ id: row.id, label: row.label, certificatePem: row.certificatePem })), dto];
      const result = TrustStore.create(inputs);
      if (!result.ok) throw invalidAnchor(result.problems);
      const anchor = result.store.find(dto.id) as TrustAnchor;
      await this.anchors.insert({ id: anchor.id, label: anchor.label, certificatePem: dto.certificatePem, fingerprintSha256: anchor.fingerprintSha256 });
      await this.audit.record({ action: 'trust-anchor.added', accountId: null, details: { id: anchor.id, fingerprintSha256: anchor.fingerprintSha256 } });
      return anchor;
    });
    this.cache = undefined;
    return toResponse(added);
  }

  async remove(id: string): Promise<void> {
    await this.tx.transaction(async () => {
      await this.anchors.lockStore();
      if (!(await this.anchors.delete(id))) throw new IdentityException(IdentityExceptionCode.TRUST_ANCHOR_NOT_FOUND, 'No such trust anchor.');
      await this.audit.record({ action: 'trust-anchor.removed', accountId: null, details: { id } });
    });
    this.cache = undefined;
  }
}
