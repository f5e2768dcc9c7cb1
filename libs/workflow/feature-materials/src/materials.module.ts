import { Module } from '@nestjs/common';
import { loadConfig } from '@onewindow/platform/config';
import { ObjectStorageModule } from '@onewindow/platform/storage';
import { ApplicationRepository, AuditTrailRepository, CatalogCopyRepository, MaterialRepository } from '@onewindow/workflow/data-access';
import { ApplicationMaterialsController } from './application-materials/application-materials.controller';
import { MaterialsService } from './application-materials/materials.service';
import { E_LICENCE_VERIFIER, ELicenceVerifier, FormatOnlyLicenceVerifier, LicenceStoreHttpVerifier } from './licences/e-licence-verifier';
import { MATERIALS_CONFIG, MaterialsConfig } from './materials.config';
import { UploadBodyParser } from './uploads/upload-body.parser';
import { UploadPruner } from './uploads/upload-pruner';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsService } from './uploads/uploads.service';

/**
 * Application materials (ADR 0028): uploads through the object storage port, checked against the
 * item's material list at submission and in supplement rounds; e-licence references through the
 * licence verifier. MATERIAL_*, S3_* and LICENCE_* are validated when the app is created.
 */
@Module({
  imports: [ObjectStorageModule.forRoot()],
  controllers: [UploadsController, ApplicationMaterialsController],
  providers: [
    { provide: MATERIALS_CONFIG, useFactory: () => loadConfig(MaterialsConfig) },
    {
      provide: E_LICENCE_VERIFIER,
      inject: [MATERIALS_CONFIG],
      useFactory: (config: MaterialsConfig): ELicenceVerifier =>
        config.LICENCE_URL ? new LicenceStoreHttpVerifier(config.LICENCE_URL, config.LICENCE_TIMEOUT_MS) : new FormatOnlyLicenceVerifier(),
    },
    UploadBodyParser,
    UploadsService,
    UploadPruner,
    MaterialsService,
    MaterialRepository,
    ApplicationRepository,
    AuditTrailRepository,
    CatalogCopyRepository,
  ],
  exports: [MaterialsService, UploadsService],
})
export class MaterialsModule {}
