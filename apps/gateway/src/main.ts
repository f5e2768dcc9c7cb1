import { configureGateway } from '@onewindow/gateway/feature-edge';
import { bootstrapService } from '@onewindow/platform/http';

// HTTP only: the gateway consumes no events (runService would load the Kafka consumer's code for nothing).
// It serves the merged document of all services at /api/docs-json instead of its own /openapi.json.
void bootstrapService(() => import('./app.module').then((m) => m.AppModule), { beforeListen: configureGateway });
