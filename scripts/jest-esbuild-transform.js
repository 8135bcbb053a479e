// Jest transform with esbuild (already the build's bundler) instead of ts-jest: type checking is `npm run
// typecheck`'s job, and tsconfig.jest.json already compiled each file on its own (isolatedModules), which is
// what esbuild does, without loading the TypeScript compiler in every worker. CommonJS out, ES2020, as ts-jest gave,
// and `import()` as `require` as TypeScript emits it for CommonJS (jest's vm has no dynamic import without a flag).
const crypto = require('crypto');
const fs = require('fs');
const { transformSync, version } = require('esbuild');

const self = crypto.createHash('sha1').update(fs.readFileSync(__filename)).update(version).digest('hex');

// The compiler options of tsconfig.base.json that change emitted code (class fields as TypeScript 5 emits them for ES2020).
const tsconfigRaw = { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: false, preserveValueImports: false } };

module.exports = {
  canInstrument: false,
  getCacheKey(source, filename, options) {
    return crypto.createHash('sha1').update(self).update('\0').update(filename).update('\0').update(source).update('\0').update(options.configString).digest('hex');
  },
  process(source, filename) {
    const loader = /\.tsx?$/.test(filename) ? (filename.endsWith('x') ? 'tsx' : 'ts') : 'js';
    const out = transformSync(source, { loader, format: 'cjs', target: 'es2020', platform: 'node', sourcemap: 'external', sourcefile: filename, sourcesContent: false, tsconfigRaw, supported: { 'dynamic-import': false }, charset: 'utf8' });
    return { code: out.code, map: out.map };
  },
};
