module.exports = {
  // Workflows wait on real timers of a real Temporal server.
  testTimeout: 60_000,
  ...require('../jest.config.base.js'),
  globalSetup: '<rootDir>/../jest.services-setup.js',
  globalTeardown: '<rootDir>/../jest.services-teardown.js',
};
