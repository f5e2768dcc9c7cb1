const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/**
 * Webpack config of a OneWindow app: `dist/apps/<app>/main.js` plus one bundle per extra entry
 * (`migrate` for the migration Job, `seed` for demo data, ...), each from `src/<entry>.ts`.
 * Node target, compiled by tsc (decorator metadata), not minified, with source maps. An app's
 * `node-flags` file, when it has one, is copied beside its bundles: the flags every launcher (the
 * container's CMD, deploy/local/start.sh, the benchmarks) passes to node before `main.js` (ADR 0033).
 */
module.exports = function serviceApp(appDir, extraEntries = []) {
  return {
    output: { path: join(appDir, '../../dist/apps', basename(appDir)) },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints: extraEntries.map((entry) => ({ entryName: entry, entryPath: `./src/${entry}.ts` })),
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
        assets: [{ input: appDir, glob: 'node-flags', output: '.' }],
      }),
    ],
  };
};
