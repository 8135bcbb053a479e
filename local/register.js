// Preload: `LOCAL_CLOUD_DATA=<dir> node -r ./local/register app.js` makes wx-server-sdk talk to the
// local cloud (data dir defaults to <project>/.local-cloud; LOCAL_CLOUD_NOW sets its clock). Registers tsx so the TypeScript runs as is.
require('tsx/cjs');
const path = require('path');
const { installLocalCloud } = require('./src/install.ts');

installLocalCloud({ dataDir: process.env.LOCAL_CLOUD_DATA || path.join(__dirname, '..', '.local-cloud'), now: process.env.LOCAL_CLOUD_NOW || undefined });
