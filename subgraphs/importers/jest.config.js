module.exports = {
  ...require('../../jest.config.base.js'),
  globalSetup: '<rootDir>/../../jest.services-setup.js',
  globalTeardown: '<rootDir>/../../jest.services-teardown.js',
};
