// `npm start` = node -r ./local/register local/server.js: the local cloud's HTTP server on
// 127.0.0.1:$PORT (default 8787). The server itself is TypeScript (local/src/server.ts).
if (!require.extensions['.ts']) require('tsx/cjs/api').register();

require('./src/server.ts')
  .main()
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
