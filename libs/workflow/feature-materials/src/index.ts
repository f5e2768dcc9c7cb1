export { MaterialsModule } from './materials.module';
export { MaterialsService } from './application-materials/materials.service';
export { UploadsService } from './uploads/uploads.service';
export { MaterialDto, AttachMaterialsDto, MaterialResponse, UploadResponse } from './material.dto';
export { MaterialException, MaterialExceptionCode } from './material.exception';
export { MaterialsConfig, UPLOAD_CONTENT_TYPES } from './materials.config';
export {
  E_LICENCE_VERIFIER,
  FormatOnlyLicenceVerifier,
  LicenceStoreHttpVerifier,
  type ELicenceVerifier,
  type LicenceCheck,
} from './licences/e-licence-verifier';
