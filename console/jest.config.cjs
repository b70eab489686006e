// CommonJS because the console's package is an ES module; the shared settings are CommonJS.
module.exports = require('../jest.config.base.js');
