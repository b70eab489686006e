module.exports = {
  ...require('../jest.config.base.js'),
  globalSetup: '<rootDir>/../jest.database-setup.js',
  globalTeardown: '<rootDir>/../jest.database-teardown.js',
};
