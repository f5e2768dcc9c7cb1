module.exports = {
  displayName: 'platform-auth:integration',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60000,
  // jose 6 ships ES modules only; SWC compiles it to CommonJS like our own sources.
};
