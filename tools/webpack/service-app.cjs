const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/**
 * Webpack config of a OneWindow app: `dist/apps/<app>/main.js` plus one bundle per extra entry
 * (`migrate` for the migration Job, `seed` for demo data, ...), each from `src/<entry>.ts`.
 * Node target, compiled by tsc (decorator metadata), not minified, with source maps.
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
      }),
    ],
  };
};
