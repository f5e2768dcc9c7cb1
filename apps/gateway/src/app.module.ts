import { Module } from '@nestjs/common';
import { GatewayConfig, GatewayEdgeModule, gatewayAuthEnv } from '@onewindow/gateway/feature-edge';
import { ServicePlatformModule } from '@onewindow/platform/service';

// No database: config, Redis (rate limits, revocations), token verification, health and metrics.
@Module({
  imports: [ServicePlatformModule.forService({ config: GatewayConfig, auth: { env: gatewayAuthEnv() } }), GatewayEdgeModule],
})
export class AppModule {}
