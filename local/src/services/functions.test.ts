import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud } from './test-cloud';
import { FUNCTION_ERRORS, callFunction, installServices, registerFunction, setFunctionsDir } from './index';

beforeAll(() => {
  installServices({ dataDir: mkdtempSync(join(tmpdir(), 'lc-functions-')) });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

describe('callFunction (in-process host)', () => {
  it('when main returns, then the result comes back over JSON with userInfo added to the event', async () => {
    // Arrange
    const main = async (event: Record<string, unknown>, context: Record<string, unknown>) => ({
      event,
      fn: context.function_name,
      at: new Date(Date.UTC(2026, 10, 21)),
    });

    // Act
    const res = await callFunction({ name: 'echo', openid: 'o-echo', appid: 'wxA', data: { action: 'ping', n: 1 }, main });

    // Assert
    expect(res).toEqual({
      result: {
        event: { action: 'ping', n: 1, userInfo: { appId: 'wxA', openId: 'o-echo' } },
        fn: 'echo',
        at: '2026-11-21T00:00:00.000Z',
      },
    });
  });

  it('when main throws, then the caller gets errCode -504002 with the error in errMsg', async () => {
    // Act
    const res = await callFunction({ name: 'boom', openid: 'o', main: async () => { throw new Error('炸了'); } });

    // Assert
    expect(res).toMatchObject({ errCode: FUNCTION_ERRORS.EXECUTE_FAIL, errMsg: expect.stringMatching(/^functions execute fail .*Error: 炸了/s) });
  });

  it('when main outlives its timeout, then the caller gets errCode -504003', async () => {
    // Act
    const res = await callFunction({ name: 'slow', openid: 'o', timeoutMs: 20, main: () => new Promise((r) => setTimeout(r, 200)) });

    // Assert
    expect(res).toMatchObject({ errCode: FUNCTION_ERRORS.TIMEOUT });
  });

  it('when no such function exists, then the caller gets errCode -501000', async () => {
    // Arrange
    setFunctionsDir(mkdtempSync(join(tmpdir(), 'lc-empty-')));

    // Act
    const res = await callFunction({ name: 'ghost', openid: 'o' });

    // Assert
    expect(res).toMatchObject({ errCode: FUNCTION_ERRORS.NOT_FOUND });
  });

  it('when the bundle cloudfunctions/<name>/index.js exists, then it is loaded and runs with the timeout of its config.json', async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'lc-bundles-'));
    mkdirSync(join(dir, 'hello'));
    writeFileSync(
      join(dir, 'hello', 'index.js'),
      `const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))});
       cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
       exports.main = async (event, context) => ({ hi: cloud.getWXContext().OPENID, limit: context.time_limit_in_ms });`,
    );
    writeFileSync(join(dir, 'hello', 'config.json'), JSON.stringify({ timeout: 20, permissions: { openapi: [] } }));
    setFunctionsDir(dir);

    // Act
    const res = await callFunction({ name: 'hello', openid: 'o-bundle' });

    // Assert
    expect(res).toEqual({ result: { hi: 'o-bundle', limit: 20000 } });
  });

  it('when a function calls one that throws, then cloud.callFunction rejects inside the caller with FUNCTIONS_EXECUTE_FAIL and the inner message', async () => {
    // Arrange
    registerFunction('fails', async () => {
      throw new Error('inner failure');
    });
    const outer = async () => {
      try {
        await cloud.callFunction({ name: 'fails', data: {} });
        return 'no error';
      } catch (e) {
        const { code, errMsg } = e as { code: string; errMsg: string };
        return { code, errMsg };
      }
    };

    // Act
    const res = await callFunction({ name: 'outer', openid: 'o', main: outer });

    // Assert
    expect(res).toMatchObject({
      result: { code: 'FUNCTIONS_EXECUTE_FAIL', errMsg: expect.stringMatching(/^callFunction:fail functions execute fail .*inner failure/s) },
    });
  });
});
