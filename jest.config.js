/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Property and file tests take seconds; a loaded 2-core CI machine must not turn them into time-outs.
  testTimeout: 60_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // office-addin-mock pulls an ESM-only dependency through office-addin-manifest's index (TOOLCHAIN.md).
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js' },
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
};
