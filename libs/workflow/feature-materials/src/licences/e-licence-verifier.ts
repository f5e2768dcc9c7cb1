import { isLicenceIdFormat } from '@onewindow/workflow/domain';
import { MaterialException, MaterialExceptionCode } from '../material.exception';

export interface LicenceCheck {
  /** The reference may be attached. */
  valid: boolean;
  /** The licence store confirmed it (false: only its format was checked). */
  verified: boolean;
  /** Why it is not valid, for the applicant. */
  reason?: string;
}

/**
 * Checks that an e-licence reference names a licence of the material's type held by the applicant.
 * Throws a 503 `MaterialException` when the licence store cannot answer, so nothing is stored.
 */
export interface ELicenceVerifier {
  verify(licenceId: string, licenceType: string | undefined, holderId: string): Promise<LicenceCheck>;
}

export const E_LICENCE_VERIFIER = Symbol('E_LICENCE_VERIFIER');

/** What the licence service answers on `GET /internal/licences/{id}` (ADR 0028). */
interface LicenceRecord {
  id: string;
  type: string;
  holderId: string;
  status: 'VALID' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED';
}

/** Asks the licence service. 404: no such licence; holder, type or status wrong: invalid; timeout or 5xx: 503. */
export class LicenceStoreHttpVerifier implements ELicenceVerifier {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async verify(licenceId: string, licenceType: string | undefined, holderId: string): Promise<LicenceCheck> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl.replace(/\/$/, '')}/internal/licences/${encodeURIComponent(licenceId)}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw unavailable();
    }
    if (response.status === 404) return { valid: false, verified: true, reason: 'is not a licence in the e-licence store' };
    if (!response.ok) throw unavailable();
    let licence: Partial<LicenceRecord>;
    try {
      licence = (await response.json()) as Partial<LicenceRecord>;
    } catch {
      throw unavailable();
    }
    if (licence.holderId !== holderId) return { valid: false, verified: true, reason: 'is not a licence held by the applicant' };
    if (licenceType !== undefined && licence.type !== licenceType) {
      return { valid: false, verified: true, reason: `is not a licence of type ${licenceType}` };
    }
    if (licence.status !== 'VALID') return { valid: false, verified: true, reason: 'is not a valid licence' };
    return { valid: true, verified: true };
  }
}

/**
 * Used while no licence service is configured (LICENCE_URL unset): accepts any well-formed licence
 * number and marks the attachment unverified, so the reviewer checks it by hand (ADR 0028).
 */
export class FormatOnlyLicenceVerifier implements ELicenceVerifier {
  async verify(licenceId: string): Promise<LicenceCheck> {
    return isLicenceIdFormat(licenceId) ? { valid: true, verified: false } : { valid: false, verified: false, reason: 'is not a licence number' };
  }
}

function unavailable(): MaterialException {
  return new MaterialException(
    MaterialExceptionCode.LICENCE_STORE_UNAVAILABLE,
    'The e-licence store cannot be reached; the submission was not stored. Try again later.',
  );
}
