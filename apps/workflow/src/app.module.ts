import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { CalendarModule } from '@onewindow/workflow/feature-calendar';
import { database } from './database';

@Module({
  imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database, auth: {} }), CalendarModule],
})
export class AppModule {}
