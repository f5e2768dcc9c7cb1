import { Module } from '@nestjs/common';
import { CatalogFeatureModule } from '@onewindow/catalog/feature-items';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { database } from './database';

@Module({
  imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database, auth: {} }), CatalogFeatureModule],
})
export class AppModule {}
