/** TDesign packing: only the components the pages use, with everything they reach, laid out as "构建 npm" would. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist');

/** Runs one export of the packer (an ES module, as the build loads it) in node and returns its result. */
function run(fn: 'usedTdesignComponents' | 'tdesignClosure', ...args: unknown[]): string[] {
  const script = `import(${JSON.stringify(path.join(root, 'scripts', 'pack-tdesign.mjs'))}).then((m) => console.log(JSON.stringify(m.${fn}(...${JSON.stringify(args)}))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('TDesign packing', () => {
  it('when the pages use button, then its json dependencies (icon, loading), scripts, styles and tslib come along, and unused components do not', () => {
    // Act
    const files = run('tdesignClosure', dist, ['button/button']).map((f) => path.relative(dist, f));

    // Assert
    expect(files).toEqual(expect.arrayContaining(['button/button.js', 'button/button.wxml', 'button/button.wxss', 'icon/icon.js', 'loading/loading.js', 'common/utils.wxs', 'common/style/index.wxss']));
    expect(files.some((f) => f.startsWith('miniprogram_npm/tslib/'))).toBe(true);
    expect(files.some((f) => f.startsWith('calendar/'))).toBe(false);
  });

  it('when the mini program json files are read, then every component they name under tdesign-miniprogram is found', () => {
    // Arrange
    const mp = path.join(root, 'miniprogram');

    // Act
    const used = run('usedTdesignComponents', mp);

    // Assert
    expect(used).toEqual(expect.arrayContaining(['button/button', 'tag/tag', 'empty/empty']));
    for (const c of used) expect(fs.existsSync(path.join(dist, `${c}.json`))).toBe(true);
  });
});
