/** Every business error of the catalogue; the feature layer maps each to an HTTP status. */
export enum CatalogErrorCode {
  ITEM_NOT_FOUND = 'ITEM_NOT_FOUND',
  VERSION_NOT_FOUND = 'VERSION_NOT_FOUND',
  VERSION_NOT_EDITABLE = 'VERSION_NOT_EDITABLE',
  INVALID_VERSION_TRANSITION = 'INVALID_VERSION_TRANSITION',
  OPEN_DRAFT_EXISTS = 'OPEN_DRAFT_EXISTS',
  PROOF_NOT_RETAINED = 'PROOF_NOT_RETAINED',
  PROCESS_DEFINITION_INVALID = 'PROCESS_DEFINITION_INVALID',
  RETAINED_PROOF_EXISTS = 'RETAINED_PROOF_EXISTS',
  RETAINED_PROOF_NOT_FOUND = 'RETAINED_PROOF_NOT_FOUND',
  RETAINED_PROOF_IN_USE = 'RETAINED_PROOF_IN_USE',
  SERIALS_EXHAUSTED = 'SERIALS_EXHAUSTED',
}

/** A broken catalogue rule; `errors` names fields when the rule is about particular ones. */
export class CatalogRuleError extends Error {
  constructor(
    readonly code: CatalogErrorCode,
    message: string,
    readonly errors?: ReadonlyArray<{ field: string; reason: string }>,
  ) {
    super(message);
    this.name = 'CatalogRuleError';
  }
}
