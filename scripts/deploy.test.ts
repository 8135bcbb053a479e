import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { checkChainPermissions, checkFunctionConfig, checkIndexCounts, checkPaths, checkQueryLimits, checkRuntime, checkTimeouts, kindOfEnvInfo, problemsSoFar, uploaded } from './deploy';
import { loadDeclaration, parseDeclaration } from '../local/src/db/declaration';

/** The problems one check adds to the run's list. */
function problemsOf(run: () => void): string[] {
  const before = problemsSoFar().length;
  run();
  return problemsSoFar().slice(before);
}

describe('deploy checks', () => {
  it('when the repository mini program is checked, then every page and component path resolves', () => {
    const found = problemsOf(() => checkPaths(join(__dirname, '..', 'miniprogram')));
    expect(found).toEqual([]);
  });

  it('when a page names a component that does not exist, then the check names the file and the tag', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    mkdirSync(join(dir, 'pages', 'a'), { recursive: true });
    writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/a', 'pages/b/b'] }));
    for (const ext of ['json', 'wxml', 'ts']) writeFileSync(join(dir, 'pages', 'a', `a.${ext}`), ext === 'json' ? JSON.stringify({ usingComponents: { 't-x': 'tdesign-miniprogram/x/x' } }) : '');

    // Act
    const found = problemsOf(() => checkPaths(dir));

    // Assert
    expect(found).toEqual(['app.json: page pages/b/b is missing its .json, .wxml or .ts/.js', 'pages/a/a.json: <t-x> → tdesign-miniprogram/x/x does not resolve to a component']);
  });

  it('when a subpackage page (subPackages, as our app.json spells it) is missing, then the check names it and counts the subpackage pages', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    mkdirSync(join(dir, 'pages', 'a'), { recursive: true });
    for (const ext of ['json', 'wxml', 'ts']) writeFileSync(join(dir, 'pages', 'a', `a.${ext}`), ext === 'json' ? '{}' : '');
    writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/a/a'], subPackages: [{ root: 'office', pages: ['index/index'] }] }));

    // Act
    let counted = 0;
    const found = problemsOf(() => (counted = checkPaths(dir).pages));

    // Assert
    expect(found).toEqual(['app.json: page office/index/index is missing its .json, .wxml or .ts/.js']);
    expect(counted).toBe(2);
  });

  it('when a config.json has a 6-field cron, two timers or a 900 s timeout, then each is refused', () => {
    expect(problemsOf(() => checkFunctionConfig('f', JSON.stringify({ triggers: [{ name: 't', type: 'timer', config: '0 0 9 * * *' }] })))).toEqual([expect.stringContaining('7 fields')]);
    expect(problemsOf(() => checkFunctionConfig('f', JSON.stringify({ triggers: [{ name: 'a', type: 'timer', config: '0 0 9 * * * *' }, { name: 'b', type: 'timer', config: '0 0 9 * * * *' }] })))).toEqual(['f/config.json: the platform takes one timer trigger per function']);
    expect(problemsOf(() => checkFunctionConfig('f', JSON.stringify({ timeout: 900 })))).toEqual(['f/config.json: timeout must be 1–60 s']);
    expect(problemsOf(() => checkFunctionConfig('f', '{'))).toEqual([expect.stringContaining('not JSON')]);
  });

  it('when the committed cloud function configs are checked, then they pass', () => {
    for (const fn of ['api', 'export', 'remind']) expect(problemsOf(() => checkFunctionConfig(fn, readFileSync(join(__dirname, '..', 'cloudfunctions', fn, 'config.json'), 'utf8')))).toEqual([]);
  });

  it('when files are staged, then tests, fixtures and tsconfigs stay behind', () => {
    expect(['pages/home/index/__test__/home.test.ts', 'core/domain/reminders.test.ts', 'core/domain/fixtures/seed000.ts', 'tsconfig.json'].filter(uploaded)).toEqual([]);
    expect(['pages/home/index/index.ts', 'core/domain/reminders.ts', 'app.json'].every(uploaded)).toBe(true);
  });

  it('when a collection declares more indexes than the platform takes, then the check names it; the committed declaration passes', () => {
    // Arrange: 21 indexes (parseDeclaration itself refuses them, so the declaration is built by hand).
    const crowded = { collections: [{ name: 'crowded', permission: 'ADMINONLY' as const, indexes: Array.from({ length: 21 }, (_, i) => ({ name: `i${i}`, keys: { [`f${i}`]: 1 as const } })) }] };

    // Act
    const found = problemsOf(() => checkIndexCounts(crowded));
    const committed = problemsOf(() => checkIndexCounts(loadDeclaration()));

    // Assert
    expect(found).toEqual(['local/collections.json: crowded declares 21 indexes, the platform takes 20 a collection']);
    expect(committed).toEqual([]);
    expect(parseDeclaration(loadDeclaration()).collections.length).toBeGreaterThan(20);
  });

  it('when a query asks for more than 1,000 documents by a literal or a constant of its file, then the check names the file; 1,000 passes', () => {
    // Arrange
    const files = [
      { path: 'a.ts', text: 'const PAGE = 2_000;\nfindMany(db, c, s, {}, { limit: PAGE });' },
      { path: 'b.ts', text: "db.collection('x').where({}).limit(1500).get();" },
      { path: 'c.ts', text: 'const MAX = 1000;\nfindMany(db, c, s, {}, { limit: MAX, skip });' },
    ];

    // Act
    const found = problemsOf(() => checkQueryLimits(files, 1000));

    // Assert
    expect(found).toEqual(['a.ts: a query asks for 2000 documents (limit PAGE); the platform returns 1000 at most', 'b.ts: a query asks for 1500 documents (limit 1500); the platform returns 1000 at most']);
  });

  it('when the slowest step of a function is projected past its timeout at the largest size, then the check names it; campaign.plan\'s waits count too', () => {
    // Arrange
    const results = {
      sizes: [
        { members: 2000, steps: [{ what: 'largest plan slice', functions: ['remind', 'api'], cloudS: 90 }] },
        { members: 60000, steps: [{ what: 'largest plan slice', functions: ['remind', 'api'], cloudS: 15 }, { what: 'progress.get root', functions: ['api'], cloudS: 0.2 }] },
      ],
    };

    // Act
    const found = problemsOf(() => checkTimeouts(results, { api: 20, remind: 10, export: 20 }));

    // Assert: the 2,000 figure is not the largest size; 10 s of waits + a 15 s slice is over the api's 20 s.
    expect(found).toEqual([
      'cloud function remind: largest plan slice is projected at 15 s at 60000 members, over its 10 s timeout',
      'cloud function api: campaign.plan may run 25.0 s (its waits + one slice), over its 20 s timeout',
    ]);
  });

  it('when function code uses an API newer than the environment\'s runtime, then V1 (Node.js 16) refuses it and V2 (Node.js 24) takes it', () => {
    // Arrange
    const files = [{ path: 'f.ts', text: 'const copy = structuredClone(x); const last = xs.findLast((v) => v);' }];

    // Act
    const v1 = problemsOf(() => checkRuntime('v1', files));
    const v2 = problemsOf(() => checkRuntime('v2', files));

    // Assert
    expect(v1).toEqual(['f.ts: uses structuredClone (Node.js 17); V1 environments run Nodejs16.13', 'f.ts: uses Array.prototype.findLast (Node.js 18); V1 environments run Nodejs16.13']);
    expect(v2).toEqual([]);
  });

  it('when DescribeEnvInfo reports the functions\' Backend, then cbf is V2 and scf is V1', () => {
    expect(kindOfEnvInfo({ Response: { EnvList: [{ Functions: [{ Backend: 'cbf' }] }] } })).toBe('v2');
    expect(kindOfEnvInfo({ Response: { Functions: [{ Namespace: 'x', Backend: 'scf' }] } })).toBe('v1');
    expect(kindOfEnvInfo({ Response: { Error: { Code: 'AuthFailure' } } })).toBeNull();
  });

  it('when a function with a timer lacks the delayed-task permission, then the V2 check names each config that needs it; the committed configs pass', () => {
    // Arrange
    const read = (fn: string) => JSON.parse(readFileSync(join(__dirname, '..', 'cloudfunctions', fn, 'config.json'), 'utf8'));
    const committed = { api: read('api'), remind: read('remind'), export: read('export') };
    const bare = { api: { permissions: { openapi: ['subscribeMessage.send'] } }, remind: { triggers: [{ type: 'timer' }], permissions: { openapi: ['subscribeMessage.send'] } } };

    // Act
    const found = problemsOf(() => checkChainPermissions(bare));
    const ours = problemsOf(() => checkChainPermissions(committed));

    // Assert
    expect(found).toEqual([expect.stringMatching(/^remind\/config\.json: V2 has no timer triggers/), expect.stringMatching(/^api\/config\.json: V2 has no timer triggers/)]);
    expect(ours).toEqual([]);
  });
});
