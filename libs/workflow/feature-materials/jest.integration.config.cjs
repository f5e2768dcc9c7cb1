module.exports = {
  displayName: 'workflow-feature-materials:integration',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60000,
};
