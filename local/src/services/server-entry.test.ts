import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

describe('local/server.js (the npm start entry)', () => {
  it('when started with PORT=0, LOCAL_CLOUD_NOW and BOOTSTRAP_ADMINS, then it serves the demo laid out on that day and a newcomer can bootstrap a tenant', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'lc-entry-'));
    const child = spawn(process.execPath, [join(root, 'local', 'server.js')], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOCAL_CLOUD_DATA: dataDir, LOCAL_CLOUD_NOW: '2027-08-02T09:00+08:00', BOOTSTRAP_ADMINS: 't-new=o-new-admin' },
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

      const call = async (openid: string, action: string, payload: unknown = {}, requestId?: string) =>
        (await (
          await fetch(`${url}/functions/api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, data: { action, payload, requestId } }) })
        ).json()) as { result: { ok: boolean; data: Record<string, unknown> & { campaigns?: Array<{ start: string; end: string }> } } };
      const clock = (await (await fetch(`${url}/clock`)).json()) as { iso: string };
      const founded = await call('o-new-admin', 'tenant.bootstrap', { tenantId: 't-new', name: '新单位' }, 'newcomer-bootstrap');
      const home = await call('o-demo-s3', 'home');

      // Assert
      expect(banner).toContain(`curl -s -X POST ${url}/functions/`);
      expect(health).toMatchObject({ ok: true, dataDir });
      expect(clock.iso.slice(0, 13)).toBe('2027-08-02T01');
      expect(founded.result).toMatchObject({ ok: true });
      expect(home.result.ok).toBe(true);
      const [campaign] = home.result.data.campaigns ?? [];
      expect(campaign.start <= '2027-08-02' && campaign.end >= '2027-08-02').toBe(true);
    } finally {
      child.kill();
    }
  }, 60000);
});
