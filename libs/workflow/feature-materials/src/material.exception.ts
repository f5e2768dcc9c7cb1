import { DomainException, FieldError } from '@onewindow/platform/http';

export enum MaterialExceptionCode {
  INVALID_MATERIALS = 'MATERIALS_INVALID',
  INCOMPLETE = 'MATERIALS_INCOMPLETE',
  FILE_TOO_LARGE = 'MATERIAL_FILE_TOO_LARGE',
  FILE_EMPTY = 'MATERIAL_FILE_EMPTY',
  UNSUPPORTED_TYPE = 'MATERIAL_UNSUPPORTED_TYPE',
  NOT_FOUND = 'MATERIAL_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  NOT_ALLOWED_NOW = 'MATERIALS_NOT_ALLOWED_NOW',
  LICENCE_STORE_UNAVAILABLE = 'LICENCE_STORE_UNAVAILABLE',
}

const STATUS: Record<MaterialExceptionCode, number> = {
  [MaterialExceptionCode.INVALID_MATERIALS]: 400,
  [MaterialExceptionCode.INCOMPLETE]: 422,
  [MaterialExceptionCode.FILE_TOO_LARGE]: 413,
  [MaterialExceptionCode.FILE_EMPTY]: 400,
  [MaterialExceptionCode.UNSUPPORTED_TYPE]: 415,
  [MaterialExceptionCode.NOT_FOUND]: 404,
  [MaterialExceptionCode.APPLICATION_NOT_FOUND]: 404,
  [MaterialExceptionCode.NOT_ALLOWED_NOW]: 409,
  [MaterialExceptionCode.LICENCE_STORE_UNAVAILABLE]: 503,
};

export class MaterialException extends DomainException<MaterialExceptionCode> {
  constructor(code: MaterialExceptionCode, detail: string, errors?: readonly FieldError[]) {
    super(code, STATUS[code], detail, errors ? { errors } : {});
  }

  static tooLarge(maxBytes: number): MaterialException {
    const reason = `must not be larger than ${maxBytes} bytes`;
    return new MaterialException(MaterialExceptionCode.FILE_TOO_LARGE, `The file ${reason}`, [{ field: 'file', reason }]);
  }

  static unsupportedType(): MaterialException {
    const reason = 'must be application/pdf, image/jpeg, image/png or application/ofd';
    return new MaterialException(MaterialExceptionCode.UNSUPPORTED_TYPE, `The file ${reason}`, [{ field: 'file', reason }]);
  }

  static empty(): MaterialException {
    return new MaterialException(MaterialExceptionCode.FILE_EMPTY, 'The file is empty', [{ field: 'file', reason: 'must not be empty' }]);
  }

  /** The same answer as the case endpoints give for a case the caller may not see. */
  static applicationNotFound(): MaterialException {
    return new MaterialException(MaterialExceptionCode.APPLICATION_NOT_FOUND, 'There is no such application');
  }

  static notFound(): MaterialException {
    return new MaterialException(MaterialExceptionCode.NOT_FOUND, 'The case has no such material');
  }
}
