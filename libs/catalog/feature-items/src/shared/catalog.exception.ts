import { CatalogErrorCode, CatalogRuleError } from '@onewindow/catalog/domain';
import { DomainException } from '@onewindow/platform/http';

const STATUS: Record<CatalogErrorCode, number> = {
  [CatalogErrorCode.ITEM_NOT_FOUND]: 404,
  [CatalogErrorCode.VERSION_NOT_FOUND]: 404,
  [CatalogErrorCode.VERSION_NOT_EDITABLE]: 409,
  [CatalogErrorCode.INVALID_VERSION_TRANSITION]: 409,
  [CatalogErrorCode.OPEN_DRAFT_EXISTS]: 409,
  [CatalogErrorCode.PROOF_NOT_RETAINED]: 422,
  [CatalogErrorCode.PROCESS_DEFINITION_INVALID]: 422,
  [CatalogErrorCode.RETAINED_PROOF_EXISTS]: 409,
  [CatalogErrorCode.RETAINED_PROOF_NOT_FOUND]: 404,
  [CatalogErrorCode.RETAINED_PROOF_IN_USE]: 409,
  [CatalogErrorCode.SERIALS_EXHAUSTED]: 409,
};

/** The catalogue's one exception type, as problem+json with the code of the broken rule. */
export class CatalogException extends DomainException<CatalogErrorCode> {
  constructor(code: CatalogErrorCode, detail: string, errors?: ReadonlyArray<{ field: string; reason: string }>) {
    super(code, STATUS[code], detail, errors ? { errors } : {});
  }

  static from(error: CatalogRuleError): CatalogException {
    return new CatalogException(error.code, error.message, error.errors);
  }

  static itemNotFound(code: string): CatalogException {
    return new CatalogException(CatalogErrorCode.ITEM_NOT_FOUND, `No item ${code}`);
  }

  static versionNotFound(code: string, version: number): CatalogException {
    return new CatalogException(CatalogErrorCode.VERSION_NOT_FOUND, `Item ${code} has no version ${version}`);
  }
}

/** Runs domain rules, turning a broken rule into the catalogue's problem+json. */
export function rule<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CatalogRuleError) throw CatalogException.from(error);
    throw error;
  }
}
