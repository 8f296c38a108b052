/** Tests run TypeScript through SWC: no type checking here (that is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2023' } }],
  },
  snapshotSerializers: [],
  testTimeout: 120000,
};
