import { runService } from '@onewindow/platform/service';

void runService(() => import('./app.module').then((m) => m.AppModule), {
  openApi: { title: 'OneWindow identity', version: '0.1.0' },
});
