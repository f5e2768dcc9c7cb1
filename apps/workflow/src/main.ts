import { runService } from '@onewindow/platform/service';

void runService(() => import('./app.module').then((m) => m.AppModule), {
  openApi: { title: 'OneWindow applications and workflow', version: '0.1.0' },
});
