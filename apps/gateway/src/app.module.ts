import { Module } from '@nestjs/common';
import { PlatformConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';

@Module({ imports: [ServicePlatformModule.forService({ config: PlatformConfig })] })
export class AppModule {}
