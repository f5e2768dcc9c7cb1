import { DEFAULT_TRUST_PROXY } from '@onewindow/identity/data-access';
import { runService } from '@onewindow/platform/service';

void runService(() => import('./app.module').then((m) => m.AppModule), {
  openApi: { title: 'OneWindow identity', version: '0.1.0' },
  // Login throttling counts per client address, which behind the gateway is in X-Forwarded-For.
  // IdentityConfig validates TRUST_PROXY at boot.
  trustProxy: process.env['TRUST_PROXY'] ?? DEFAULT_TRUST_PROXY,
  // OAuth 2.0 clients send token requests form-encoded (RFC 6749 section 4.4.2).
  formBodies: true,
});
