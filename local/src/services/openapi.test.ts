import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { cloud } from './test-cloud';
import {
  DEFAULT_SEC_WORDS,
  callFunction,
  grantSubscription,
  installServices,
  readOutbox,
  setFunctionsDir,
  setSecWords,
  subscriptionCredits,
} from './index';

let dataDir: string;

beforeAll(() => {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lc-openapi-'));
  installServices({ dataDir });
});

const message = (touser: string, templateId = 'TPL_REVIEW_DONE') => ({
  touser,
  templateId,
  page: 'pages/review/detail?id=r1',
  data: { thing1: { value: '第三支部点评' }, time2: { value: '2026-11-21 10:00' } },
  miniprogramState: 'developer',
});

async function errorOf(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected a rejection');
}

describe('subscribeMessage.send', () => {
  it('when the user never subscribed, then the SDK throws errCode 43101 and nothing is sent', async () => {
    // Act
    const err = await errorOf(cloud.openapi.subscribeMessage.send(message('o-none')));

    // Assert
    expect(err.errCode).toBe(43101);
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg/);
    expect(readOutbox()).toEqual([]);
  });

  it('when the user accepted once, then one send succeeds and the second gets 43101', async () => {
    // Arrange
    const tap = grantSubscription('o-once', ['TPL_REVIEW_DONE']);

    // Act
    const first = await cloud.openapi.subscribeMessage.send(message('o-once'));
    const second = await errorOf(cloud.openapi.subscribeMessage.send(message('o-once')));

    // Assert
    expect(tap).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPL_REVIEW_DONE: 'accept' });
    expect(first).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(typeof first.msgid).toBe('number');
    expect(second.errCode).toBe(43101);
    expect(subscriptionCredits('o-once')).toEqual({ TPL_REVIEW_DONE: 0 });
  });

  it('when a template was rejected in the tap, then it gives no credit while the accepted one does', async () => {
    // Arrange
    const tap = grantSubscription('o-mixed', ['A', 'B'], ['B']);

    // Act
    const a = await errorOf(cloud.openapi.subscribeMessage.send(message('o-mixed', 'A')));
    const b = await cloud.openapi.subscribeMessage.send(message('o-mixed', 'B'));

    // Assert
    expect(tap).toMatchObject({ A: 'reject', B: 'accept' });
    expect(a.errCode).toBe(43101);
    expect(b.errCode).toBe(0);
  });

  it('when a message is sent, then it is in the outbox persisted in the data dir with its sender', async () => {
    // Arrange
    grantSubscription('o-out', ['TPL_REVIEW_DONE']);
    const main = () => cloud.openapi.subscribeMessage.send(message('o-out'));

    // Act
    const res = await callFunction({ name: 'notify', openid: 'o-admin', main });

    // Assert
    expect(res).toMatchObject({ result: { errCode: 0 } });
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'openapi', 'outbox.json'), 'utf8'));
    expect(onDisk).toEqual(readOutbox({ touser: 'o-out' }));
    expect(onDisk[0]).toMatchObject({
      touser: 'o-out',
      templateId: 'TPL_REVIEW_DONE',
      page: 'pages/review/detail?id=r1',
      miniprogramState: 'developer',
      data: { thing1: { value: '第三支部点评' } },
      fromFunction: 'notify',
    });
  });

  it('when a thing value is longer than 20 characters, then the SDK throws 47003 and keeps the credit', async () => {
    // Arrange
    grantSubscription('o-long', ['T']);
    const tooLong = { ...message('o-long', 'T'), data: { thing1: { value: '一'.repeat(21) } } };

    // Act
    const err = await errorOf(cloud.openapi.subscribeMessage.send(tooLong));

    // Assert
    expect(err.errCode).toBe(47003);
    expect(subscriptionCredits('o-long')).toEqual({ T: 1 });
  });

  it('when more than five templates are requested in one tap, then it fails with 20003', () => {
    // Act / Assert
    expect(() => grantSubscription('o', ['1', '2', '3', '4', '5', '6'])).toThrow(expect.objectContaining({ errCode: 20003 }));
  });

  it('when a bundled function lacks an openapi permission in config.json, then that call fails with -604101 and a listed one works', async () => {
    // Arrange: a function folder whose config.json allows msgSecCheck only.
    const fnDir = mkdtempSync(join(tmpdir(), 'lc-fns-'));
    mkdirSync(join(fnDir, 'notifier'));
    writeFileSync(
      join(fnDir, 'notifier', 'index.js'),
      `const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))});
       cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
       exports.main = async (event) => event.msg
         ? cloud.openapi.subscribeMessage.send(event.msg)
         : cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-perm', scene: 2, content: 'ok' });`,
    );
    writeFileSync(join(fnDir, 'notifier', 'config.json'), JSON.stringify({ permissions: { openapi: ['security.msgSecCheck'] } }));
    setFunctionsDir(fnDir);
    grantSubscription('o-perm', ['TPL_REVIEW_DONE']);

    // Act
    const denied = await callFunction({ name: 'notifier', openid: 'o-perm', data: { msg: message('o-perm') } });
    const allowed = await callFunction({ name: 'notifier', openid: 'o-perm', data: {} });

    // Assert
    expect(denied).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('-604101 function has no permission') });
    expect(allowed).toMatchObject({ result: { errCode: 0, result: { suggest: 'pass' } } });
    expect(readOutbox()).toEqual([]);
  });
});

describe('security.msgSecCheck', () => {
  const check = (content: string) => cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o-sec', scene: 2, content });

  it('when the text has no listed word, then the verdict is pass with label 100', async () => {
    // Act
    const res = await check('第三支部本月组织生活会开得扎实');

    // Assert
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    expect(res.detail[0]).toMatchObject({ strategy: 'content_model', suggest: 'pass' });
  });

  it('when the text has a review word, then the verdict is review with a keyword detail', async () => {
    // Act
    const res = await check('有事加微信聊');

    // Assert
    expect(res.result).toEqual({ suggest: 'review', label: 10001 });
    expect(res.detail).toContainEqual(expect.objectContaining({ strategy: 'keyword', keyword: '加微信', suggest: 'review' }));
  });

  it('when the text has a review word and a risky word, then the worse verdict wins', async () => {
    // Act
    const res = await check('加微信 RISKY-TEST-WORD');

    // Assert
    expect(res.result).toEqual({ suggest: 'risky', label: 21000 });
    expect(res.detail.filter((d: { strategy: string }) => d.strategy === 'keyword')).toHaveLength(2);
  });

  it('when the word list is replaced, then the new words decide and the defaults no longer do', async () => {
    // Arrange
    setSecWords([{ word: '形式主义', suggest: 'review', label: 21000 }]);

    // Act
    const custom = await check('存在形式主义问题');
    const oldWord = await check('赌博');

    // Assert
    expect(custom.result.suggest).toBe('review');
    expect(oldWord.result.suggest).toBe('pass');
    expect(JSON.parse(readFileSync(join(dataDir, 'openapi', 'sec-words.json'), 'utf8'))).toHaveLength(1);
  });

  it('when the openid is missing in version 2, then the SDK throws 40003', async () => {
    // Act
    const err = await errorOf(cloud.openapi.security.msgSecCheck({ version: 2, scene: 2, content: 'x' }));

    // Assert
    expect(err.errCode).toBe(40003);
  });

  it('when the content is over 2500 characters, then the SDK throws 47003', async () => {
    // Act
    const err = await errorOf(check('好'.repeat(2501)));

    // Assert
    expect(err.errCode).toBe(47003);
  });

  it('when no list file exists, then every shipped word is flagged with its own verdict', async () => {
    // Act
    const verdicts = await Promise.all(DEFAULT_SEC_WORDS.map((w) => check(`前文${w.word}后文`)));

    // Assert
    expect(verdicts.map((v) => v.result.suggest)).toEqual(DEFAULT_SEC_WORDS.map((w) => w.suggest));
  });
});

describe('wxacode.getUnlimited', () => {
  /** The text a QR scanner reads from a PNG. */
  function scan(png: Buffer): string | undefined {
    const image = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  }

  it('when a code is asked for a page and a scene, then the SDK gets a PNG whose code reads as that page with the scene', async () => {
    // Act
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene: 'inv_mhx1_abc', page: 'pages/join/join/join', checkPath: false })) as { contentType: string; buffer: Buffer };

    // Assert
    expect(res.contentType).toBe('image/png');
    expect(scan(Buffer.from(res.buffer))).toBe('pages/join/join/join?scene=inv_mhx1_abc');
  });

  it('when the scene is longer than 32 characters, then the SDK throws 40169 as WeChat does', async () => {
    // Act
    const err = await errorOf(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33), page: 'pages/join/join/join' }));

    // Assert
    expect(err.errCode).toBe(40169);
  });

  it('when the page starts with a slash, then the SDK throws 41030', async () => {
    // Act
    const err = await errorOf(cloud.openapi.wxacode.getUnlimited({ scene: 'a', page: '/pages/join/join/join' }));

    // Assert
    expect(err.errCode).toBe(41030);
  });
});
