import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { AppointmentsModule } from '@onewindow/workflow/feature-appointments';
import { CalendarModule } from '@onewindow/workflow/feature-calendar';
import { ApplicationsModule } from '@onewindow/workflow/feature-cases';
import { MaterialsModule } from '@onewindow/workflow/feature-materials';
import { SupervisionModule } from '@onewindow/workflow/feature-supervision';
import { database } from './database';

@Module({
  imports: [
    ServicePlatformModule.forService({ config: DatabaseConfig, database, auth: {} }),
    CalendarModule,
    AppointmentsModule,
    ApplicationsModule,
    // Uploads and case materials; MATERIAL_*, S3_* and LICENCE_* are validated when the app is created.
    MaterialsModule,
    SupervisionModule.register(),
  ],
})
export class AppModule {}
