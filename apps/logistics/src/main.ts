import { runService } from '@onewindow/platform/service';

void runService(() => import('./app.module').then((m) => m.AppModule), {
  openApi: { title: 'OneWindow logistics', version: '0.1.0' },
});
