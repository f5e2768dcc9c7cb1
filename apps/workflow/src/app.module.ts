import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { AppointmentsModule } from '@onewindow/workflow/feature-appointments';
import { CalendarModule } from '@onewindow/workflow/feature-calendar';
import { ApplicationsModule } from '@onewindow/workflow/feature-cases';
import { SupervisionModule } from '@onewindow/workflow/feature-supervision';
import { database } from './database';

@Module({
  imports: [
    ServicePlatformModule.forService({ config: DatabaseConfig, database, auth: {} }),
    CalendarModule,
    AppointmentsModule,
    ApplicationsModule,
    SupervisionModule.register(),
  ],
})
export class AppModule {}
