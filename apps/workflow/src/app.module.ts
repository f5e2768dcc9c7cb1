import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { AppointmentsModule } from '@onewindow/workflow/feature-appointments';
import { CalendarModule } from '@onewindow/workflow/feature-calendar';
import { database } from './database';

@Module({
  imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database, auth: {} }), CalendarModule, AppointmentsModule],
})
export class AppModule {}
