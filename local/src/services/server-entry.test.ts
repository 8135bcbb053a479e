import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

describe('local/server.js (the npm start entry)', () => {
  it('when started with PORT=0, then it prints its URL and a curl example and answers /health there', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'lc-entry-'));
    const child = spawn(process.execPath, [join(root, 'local', 'server.js')], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOCAL_CLOUD_DATA: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // Act
      const banner = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('curl -s -X POST')) done(out);
        });
        child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
      });
      const url = (/listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner) as RegExpExecArray)[1];
      const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean; dataDir: string };

      // Assert
      expect(banner).toContain(`curl -s -X POST ${url}/functions/`);
      expect(health).toMatchObject({ ok: true, dataDir });
    } finally {
      child.kill();
    }
  }, 20000);
});
