import { Module } from '@nestjs/common';
import { GatewayConfig, GatewayEdgeModule, gatewayAuthEnv } from '@onewindow/gateway/feature-edge';
import { EdgePlatformModule } from '@onewindow/platform/service/edge';

// No database: config, Redis (rate limits, revocations), token verification, health and metrics; the
// edge platform keeps TypeORM, pg and kafkajs out of the gateway's process (ADR 0035).
@Module({
  imports: [EdgePlatformModule.forEdge({ config: GatewayConfig, auth: { env: gatewayAuthEnv() } }), GatewayEdgeModule],
})
export class AppModule {}
