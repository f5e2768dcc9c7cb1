import { createHash } from 'node:crypto';

/**
 * The stand-in register's own lookup hash. Unkeyed (so a migration can seed it without identity's
 * secrets) and therefore only fit for the fictitious records it holds; see ADR 0014.
 */
export function populationRecordHash(idNumber: string): string {
  return createHash('sha256').update(`onewindow-population-register-stand-in:${idNumber}`).digest('hex');
}
