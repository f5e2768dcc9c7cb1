export enum AccountKind {
  Person = 'person',
  Enterprise = 'enterprise',
  Staff = 'staff',
}

export enum AccountStatus {
  Active = 'active',
  /** Closed by its holder or an admin; tokens revoked, personal data kept until the retention period ends. */
  Deregistered = 'deregistered',
  /** Personal data erased after the retention period; the row stays for the audit trail. */
  Erased = 'erased',
}

/** Days personal data of a deregistered account is kept (disputes, audits) before it is erased. */
export function eraseAfter(deregisteredAt: Date, retentionDays: number): Date {
  return new Date(deregisteredAt.getTime() + retentionDays * 86_400_000);
}

/** Names as people write them: trimmed, inner whitespace collapsed, full-width spaces included. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
