// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'cdk.out.integ/**',
      'cdk.out.guardrails/**',
      '.venv/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Infrastructure code reports through CDK Annotations, never the console.
    files: ['bin/**/*.ts', 'lib/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'test', property: 'only', message: 'A focused test silently skips the rest.' },
        { object: 'it', property: 'only', message: 'A focused test silently skips the rest.' },
        {
          object: 'describe',
          property: 'only',
          message: 'A focused test silently skips the rest.',
        },
        { object: 'test', property: 'skip', message: 'Make the test run, or delete it.' },
        { object: 'it', property: 'skip', message: 'Make the test run, or delete it.' },
        { object: 'describe', property: 'skip', message: 'Make the test run, or delete it.' },
      ],
    },
  },
);
