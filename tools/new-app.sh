#!/usr/bin/env bash
# Scaffolds a thin NestJS app in the workspace's one layout: tools/new-app.sh <name> <title> [--no-database]
set -euo pipefail
name="$1"; title="$2"; db="${3:-}"
dir="apps/$name"
mkdir -p "$dir/src"
migrate_target=''
entry_points=''
if [ "$db" != "--no-database" ]; then
  migrate_target=', "migration:run": { "executor": "nx:run-commands", "dependsOn": ["build"], "options": { "command": "node dist/apps/'"$name"'/migrate.js" } }'
  entry_points=", ['migrate']"
fi
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "application",
  "tags": ["scope:$name", "type:app"],
  "targets": { "typecheck": {}$migrate_target }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "types": ["node"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/tsconfig.app.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "../../dist/out-tsc" },
  "exclude": ["src/**/*.spec.ts"]
}
JSON
echo "module.exports = require('../../tools/webpack/service-app.cjs')(__dirname$entry_points);" > "$dir/webpack.config.js"
cat > "$dir/src/main.ts" <<TS
import { runService } from '@onewindow/platform/service';

void runService(() => import('./app.module').then((m) => m.AppModule), {
  openApi: { title: 'OneWindow $title', version: '0.1.0' },
});
TS
if [ "$db" != "--no-database" ]; then
cat > "$dir/src/database.ts" <<TS
import type { PersistenceModuleOptions } from '@onewindow/platform/persistence';

/** The $name service's own entities and migrations (the platform's outbox and inbox are added). */
export const database: PersistenceModuleOptions = { entities: [], migrations: [] };
TS
cat > "$dir/src/migrate.ts" <<TS
import { runServiceMigrations } from '@onewindow/platform/service';
import { database } from './database';

void runServiceMigrations(database);
TS
cat > "$dir/src/app.module.ts" <<TS
import { Module } from '@nestjs/common';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { database } from './database';

@Module({ imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database })] })
export class AppModule {}
TS
else
cat > "$dir/src/app.module.ts" <<TS
import { Module } from '@nestjs/common';
import { PlatformConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';

@Module({ imports: [ServicePlatformModule.forService({ config: PlatformConfig })] })
export class AppModule {}
TS
fi
echo "created app $name"
