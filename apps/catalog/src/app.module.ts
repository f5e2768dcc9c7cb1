import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { database } from './database';

@Module({ imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database })] })
export class AppModule {}
