import nx from '@nx/eslint-plugin';

// Module boundaries (STYLE.md): a service never imports another service; domain imports only
// domain/util; contracts import nothing of ours. There is deliberately no '*' constraint: an
// untagged project cannot import anything.
const scopes = ['gateway', 'identity', 'catalog', 'workflow', 'licence', 'payments', 'logistics', 'data-sharing'];

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:domain'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...scopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', 'deploy/local/.cache', 'deploy/local/.data', 'tmp'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          checkNestedExternalImports: true,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The gateway owns no data: the database and Kafka code stays out of its process (ADR 0035).
    files: ['apps/gateway/src/**/*.ts', 'libs/gateway/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@onewindow/platform/service', message: 'Use @onewindow/platform/service/edge (ADR 0035).' },
            { name: '@onewindow/platform/events', message: 'The gateway publishes and consumes no events (ADR 0035).' },
            { name: '@onewindow/platform/persistence', message: 'The gateway owns no database (ADR 0035).' },
            { name: 'typeorm', message: 'The gateway owns no database (ADR 0035).' },
            { name: 'pg', message: 'The gateway owns no database (ADR 0035).' },
            { name: 'kafkajs', message: 'The gateway publishes and consumes no events (ADR 0035).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
];
