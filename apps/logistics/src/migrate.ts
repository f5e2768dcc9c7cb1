import { runServiceMigrations } from '@onewindow/platform/service';
import { database } from './database';

void runServiceMigrations(database);
