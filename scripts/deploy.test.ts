import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { checkFunctionConfig, checkPaths, problemsSoFar, uploaded } from './deploy';

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
});
