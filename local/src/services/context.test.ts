import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud } from './test-cloud';
import { callFunction, installServices, registerFunction } from './index';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  installServices({ dataDir: mkdtempSync(join(tmpdir(), 'lc-context-')) });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

describe('getWXContext', () => {
  it('when many invocations run concurrently, then each sees its own caller after awaiting', async () => {
    // Arrange: every call reads the context, yields for a different time, then reads again.
    const main = async (event: Record<string, unknown>) => {
      const before = cloud.getWXContext().OPENID;
      await sleep(Number(event.wait));
      const after = cloud.getWXContext();
      return { before, after: after.OPENID, appid: after.APPID, env: after.ENV, source: after.SOURCE };
    };
    const callers = Array.from({ length: 20 }, (_, i) => `openid-${i}`);

    // Act
    const results = await Promise.all(
      callers.map((openid, i) => callFunction({ name: 'ctx', openid, appid: `wxapp${i}`, data: { wait: (i * 7) % 11 }, main })),
    );

    // Assert
    results.forEach((res, i) => {
      expect(res).toEqual({
        result: { before: `openid-${i}`, after: `openid-${i}`, appid: `wxapp${i}`, env: 'local-dev', source: 'wx_client' },
      });
    });
  });

  it('when the caller has a unionid, then getWXContext reports it and omits it for callers without one', async () => {
    // Arrange
    const main = () => cloud.getWXContext();

    // Act
    const withUnion = await callFunction({ name: 'u', openid: 'o-u', unionid: 'union-1', main });
    const without = await callFunction({ name: 'u', openid: 'o-v', main });

    // Assert
    expect(withUnion).toMatchObject({ result: { OPENID: 'o-u', UNIONID: 'union-1' } });
    expect((without as { result: Record<string, unknown> }).result).not.toHaveProperty('UNIONID');
  });

  it('when called outside any invocation, then it answers from the real process.env', () => {
    // Arrange
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    process.env.WX_OPENID = 'set-by-a-test';

    // Act
    const ctx = cloud.getWXContext();
    delete process.env.WX_CONTEXT_KEYS;
    delete process.env.WX_OPENID;

    // Assert
    expect(ctx.OPENID).toBe('set-by-a-test');
  });

  it('when a function calls another with cloud.callFunction, then the callee sees the same user from source scf', async () => {
    // Arrange
    registerFunction('inner', async (event) => ({ ctx: cloud.getWXContext(), got: event.n }));
    const outer = async () => (await cloud.callFunction({ name: 'inner', data: { n: 41 } })).result;

    // Act
    const res = await callFunction({ name: 'outer', openid: 'the-user', main: outer });

    // Assert
    expect(res).toMatchObject({ result: { got: 41, ctx: { OPENID: 'the-user', SOURCE: 'wx_client,scf' } } });
  });

  it('when process.env is spread inside an invocation, then the caller keys are listed', async () => {
    // Act
    const res = await callFunction({ name: 'spread', openid: 'o-spread', main: () => ({ ...process.env }) });

    // Assert
    expect((res as { result: Record<string, string> }).result).toMatchObject({ WX_OPENID: 'o-spread', TCB_ENV: 'local-dev' });
  });
});

describe('process.env behind the caller-aware proxy, in a real node process', () => {
  it('when a script assigns, spreads into and deletes from process.env, then it works as on plain node', () => {
    // jest gives each test file a plain copy of process.env, so the real one is only reachable in a child process.
    const script = [
      "require('tsx/cjs');",
      "require('./local/src/services/context.ts').installEnvProxy();",
      "process.env.BOOTSTRAP_ADMINS = 't-new=o-new-admin';",
      "Object.assign(process.env, { LOCAL_EXTRA: 'x' });",
      "delete process.env.LOCAL_EXTRA;",
      "console.log(JSON.stringify([process.env.BOOTSTRAP_ADMINS, 'LOCAL_EXTRA' in process.env]));",
    ].join('\n');
    // Overwriting a variable that already exists is what `BOOTSTRAP_ADMINS=… npm start` does.
    const env = { ...process.env, BOOTSTRAP_ADMINS: 'from-the-shell' };
    const out = execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', env });
    expect(JSON.parse(out.trim())).toEqual(['t-new=o-new-admin', false]);
  });
});
