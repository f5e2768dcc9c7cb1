module.exports = require('../../tools/webpack/service-app.cjs')(__dirname, ['migrate']);
