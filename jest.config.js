/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // office-addin-mock pulls an ESM-only dependency through office-addin-manifest's index (TOOLCHAIN.md).
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js' },
  transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] },
};
