#!/usr/bin/env bash
# Scaffolds a library in the workspace's one layout:
#   tools/new-project.sh <dir under libs/> <import path> <tags comma-separated> [integration]
set -euo pipefail
dir="libs/$1"; import="$2"; tags="$3"; integ="${4:-}"
name="$(echo "$1" | tr '/' '-')"
depth="$(echo "$dir" | awk -F/ '{print NF}')"; up="$(printf '../%.0s' $(seq 1 "$depth"))"
mkdir -p "$dir/src"
tagjson="$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')"
targets='"typecheck": {}, "test": {}'
[ -n "$integ" ] && targets="$targets, \"integration\": {}"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tagjson],
  "targets": { $targets }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
JS
if [ -n "$integ" ]; then
cat > "$dir/jest.integration.config.cjs" <<JS
module.exports = {
  displayName: '$name:integration',
  preset: '${up}jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60000,
};
JS
fi
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
node -e "
const fs=require('fs');const p='tsconfig.base.json';const j=JSON.parse(fs.readFileSync(p,'utf8'));
j.compilerOptions.paths['$import']=['$dir/src/index.ts'];
j.compilerOptions.paths=Object.fromEntries(Object.entries(j.compilerOptions.paths).sort());
fs.writeFileSync(p, JSON.stringify(j,null,2)+'\n');"
echo "created $name ($import) in $dir"
