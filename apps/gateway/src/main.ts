import { configureGateway } from '@onewindow/gateway/feature-edge';
import { runService } from '@onewindow/platform/service';

// The gateway serves the merged document of all services at /api/docs-json instead of its own /openapi.json.
void runService(() => import('./app.module').then((m) => m.AppModule), { beforeListen: configureGateway });
