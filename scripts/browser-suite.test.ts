/** The browser suite's own promise: without Chromium it says plainly that it did not run, and how to install it. */
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

describe('browser suite without Chromium', () => {
  it('when no Chromium is installed, then it says the suite did not run and how to install it, and stops there', () => {
    // Act
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'browser-suite.mjs')], {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: path.join(root, 'no-such-chromium') },
      encoding: 'utf8',
    });

    // Assert
    expect(out).toContain('browser suite: DID NOT RUN');
    expect(out).toContain('apt-get install -y chromium fonts-wqy-microhei');
    expect(out).not.toContain('✓');
  });
});
