// End-to-end tests: the real processes over real ports, one system per test file.
module.exports = {
  ...require('../jest.config.base.js'),
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
  testTimeout: 60_000,
  // The files start whole systems; one at a time keeps a 2-core machine responsive.
  maxWorkers: 1,
};
