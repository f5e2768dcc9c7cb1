// Preload for a benchmarked app: LOADED_MODULES_AFTER_MS (12000) after start, writes the CommonJS
// modules the process has loaded, source bytes per package, to LOADED_MODULES_OUT.
'use strict';
const { statSync, writeFileSync } = require('node:fs');

setTimeout(() => {
  const byPackage = new Map();
  const files = Object.keys(require.cache);
  for (const file of files) {
    const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const name = match ? match[1] : file;
    let bytes = 0;
    try {
      bytes = statSync(file).size;
    } catch {
      // a module without a file of its own
    }
    const entry = byPackage.get(name) || { files: 0, bytes: 0 };
    entry.files += 1;
    entry.bytes += bytes;
    byPackage.set(name, entry);
  }
  const rows = [...byPackage].sort((a, b) => b[1].bytes - a[1].bytes);
  const total = rows.reduce((sum, [, entry]) => sum + entry.bytes, 0);
  const lines = rows.map(([name, entry]) => `${(entry.bytes / 1e6).toFixed(3)} MB ${String(entry.files).padStart(5)} ${name}`);
  writeFileSync(
    process.env.LOADED_MODULES_OUT || `/tmp/modules-${process.pid}.txt`,
    `${(total / 1e6).toFixed(2)} MB of source in ${files.length} files\n${lines.join('\n')}\n`,
  );
}, Number(process.env.LOADED_MODULES_AFTER_MS || 12000)).unref();
