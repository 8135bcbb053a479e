import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startServer, type LocalCloudServer } from '../server';
import { installServices, registerFunction, setFunctionsDir } from './index';
import { cloud } from './test-cloud';

let srv: LocalCloudServer;

beforeAll(async () => {
  installServices({ dataDir: mkdtempSync(join(tmpdir(), 'lc-server-')) });
  // Only this file's registered functions: the project's timer-triggered ones (remind) need the
  // database, which this test of the HTTP face does not install, and would fire on PUT /clock.
  setFunctionsDir(mkdtempSync(join(tmpdir(), 'lc-server-fns-')));
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  registerFunction('whoami', async (event) => ({ openid: cloud.getWXContext().OPENID, echo: event.echo }));
  registerFunction('notify', async (event) =>
    cloud.openapi.subscribeMessage.send({ touser: event.to, templateId: 'TPL', data: { thing1: { value: '待点评' } } }),
  );
  registerFunction('broken', async () => {
    throw new Error('坏了');
  });
  srv = await startServer({ port: 0, requestTimeoutMs: 1500 });
});

afterAll(async () => {
  await srv.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('local cloud HTTP server', () => {
  it('when started, then it listens on 127.0.0.1 only and /health answers', async () => {
    // Act
    const res = await fetch(`${srv.url}/health`);

    // Assert
    expect((srv.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, env: 'local-dev' });
  });

  it('when a function is posted with an openid in the body or the header, then it runs as that user', async () => {
    // Act
    const byBody = await (await post('/functions/whoami', { openid: 'o-body', data: { echo: 1 } })).json();
    const byHeader = await (await post('/functions/whoami', { data: { echo: 2 } }, { 'x-wx-openid': 'o-header' })).json();

    // Assert
    expect(byBody).toEqual({ result: { openid: 'o-body', echo: 1 } });
    expect(byHeader).toEqual({ result: { openid: 'o-header', echo: 2 } });
  });

  it('when the function throws, then the reply is { errCode: -504002, errMsg }', async () => {
    // Act
    const res = await post('/functions/broken', { openid: 'o' });

    // Assert
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('坏了') });
  });

  it('when no openid is given, then the request is refused with 400', async () => {
    // Act
    const res = await post('/functions/whoami', { data: {} });

    // Assert
    expect(res.status).toBe(400);
  });

  it('when a user accepts a template over HTTP, then a function can send it once and the outbox shows it', async () => {
    // Act
    const tap = await (await post('/subscriptions', { openid: 'o-sub', templateIds: ['TPL'] })).json();
    const first = await (await post('/functions/notify', { openid: 'o-admin', data: { to: 'o-sub' } })).json();
    const second = await (await post('/functions/notify', { openid: 'o-admin', data: { to: 'o-sub' } })).json();
    const outbox = (await (await fetch(`${srv.url}/outbox?touser=o-sub`)).json()) as { messages: Record<string, unknown>[] };

    // Assert
    expect(tap).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPL: 'accept' });
    expect(first).toMatchObject({ result: { errCode: 0 } });
    expect(second).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('43101') });
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0]).toMatchObject({ touser: 'o-sub', templateId: 'TPL', fromFunction: 'notify' });
  });

  it('when a temp URL is fetched from the server, then it serves the uploaded bytes', async () => {
    // Arrange
    const up = await cloud.uploadFile({ cloudPath: 'docs/意见.txt', fileContent: Buffer.from('整改意见') });
    const [link] = (await cloud.getTempFileURL({ fileList: [up.fileID] })).fileList;

    // Act
    const res = await fetch(encodeURI(link.tempFileURL));

    // Assert
    expect(link.tempFileURL.startsWith(`${srv.url}/`)).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('整改意见');
  });

  it('when a temp URL has its t removed or moved, or is pointed at another file, then the server refuses it (issue 23)', async () => {
    // Arrange
    const secret = await cloud.uploadFile({ cloudPath: 'exports/t000/secret.txt', fileContent: Buffer.from('机密') });
    const other = await cloud.uploadFile({ cloudPath: 'exports/t000/other.txt', fileContent: Buffer.from('另一份') });
    const [link] = (await cloud.getTempFileURL({ fileList: [secret.fileID] })).fileList;
    const url = new URL(encodeURI(link.tempFileURL));
    const without = new URL(url);
    without.searchParams.delete('t');
    const moved = new URL(url);
    moved.searchParams.set('t', String(Number(url.searchParams.get('t')) + 86_400));
    const elsewhere = new URL(url);
    elsewhere.pathname = url.pathname.replace('secret.txt', 'other.txt');
    const bare = new URL(url);
    bare.search = '';

    // Act
    const [ok, noT, movedT, otherFile, noQuery] = await Promise.all([url, without, moved, elsewhere, bare].map((u) => fetch(u)));

    // Assert
    expect(ok.status).toBe(200);
    expect([noT.status, movedT.status, otherFile.status, noQuery.status]).toEqual([403, 403, 403, 403]);
    expect(other.fileID).toContain('other.txt');
  });

  it('when someone PUTs to the storage upload path without the signed link an upload is given, then nothing is stored (issue 23)', async () => {
    // Arrange
    const up = await cloud.uploadFile({ cloudPath: 'imports/t000/roster.xlsx', fileContent: Buffer.from('原始名册') });
    const bucketPath = up.fileID.replace(/^cloud:\/\//, '');

    // Act
    const put = await fetch(`${srv.url}/__local_cloud/cos/${encodeURI(bucketPath)}`, { method: 'PUT', body: '伪造的名册' });
    const [link] = (await cloud.getTempFileURL({ fileList: [up.fileID] })).fileList;
    const stored = await (await fetch(encodeURI(link.tempFileURL))).text();

    // Assert
    expect(put.status).toBe(403);
    expect(stored).toBe('原始名册');
  });

  it('when the word list is replaced over HTTP, then msgSecCheck follows it', async () => {
    // Act
    const put = await fetch(`${srv.url}/sec-words`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ words: [{ word: '走过场', suggest: 'risky', label: 21000 }] }),
    });
    const verdict = await cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o', scene: 2, content: '整改走过场' });

    // Assert
    expect(put.status).toBe(200);
    expect(verdict.result.suggest).toBe('risky');
  });

  it('when the clock is set or advanced over HTTP, then /clock reads the new time, and nonsense is refused with 400', async () => {
    // Act
    const put = (body: unknown) => fetch(`${srv.url}/clock`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const set = (await (await put({ at: '2027-01-20T09:00+08:00' })).json()) as { iso: string };
    const advanced = (await (await put({ advance: '3d' })).json()) as { iso: string };
    const read = (await (await fetch(`${srv.url}/clock`)).json()) as { iso: string };
    const bad = await put({ at: 'tomorrow-ish' });

    // Assert
    expect(set.iso.slice(0, 16)).toBe('2027-01-20T01:00');
    expect(advanced.iso.slice(0, 16)).toBe('2027-01-23T01:00');
    expect(read.iso.slice(0, 13)).toBe('2027-01-23T01');
    expect(bad.status).toBe(400);
  });

  it('when a foreign web page posts, then it is refused with 403 and no CORS header lets it read anything', async () => {
    // Act: a page on another site calling with the browser's Origin, with a text/plain body (no preflight).
    const foreign = await fetch(`${srv.url}/functions/whoami`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'text/plain' }, body: JSON.stringify({ openid: 'o-admin', data: {} }) });
    // fetch will not set Host: a raw request stands for a page on a rebound domain.
    const rebound = await new Promise<{ status: number }>((resolve, reject) => {
      const r = request(`${srv.url}/functions/whoami`, { method: 'POST', headers: { host: 'evil.example:8787', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      });
      r.on('error', reject);
      r.end(JSON.stringify({ openid: 'o-admin', data: {} }));
    });
    const preflight = await fetch(`${srv.url}/functions/whoami`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    const ownPage = await post('/functions/whoami', { openid: 'o-own', data: {} }, { origin: srv.url });

    // Assert
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(rebound.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(ownPage.status).toBe(200);
  });

  it('when a body is not JSON by content type, then 415 and the function does not run', async () => {
    const res = await fetch(`${srv.url}/functions/whoami`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ openid: 'o-plain', data: {} }) });
    expect(res.status).toBe(415);
  });

  it('when a body is larger than 6 MB, then the answer is 413 rather than a reset connection', async () => {
    const res = await post('/functions/whoami', { openid: 'o-big', data: { echo: 'x'.repeat(10 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errMsg: string }).errMsg).toMatch(/too large/);
  });

  it('when a body nests 10,000 levels deep, then 400 says so without internals', async () => {
    const deep = `{"openid":"o-deep","data":{"echo":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const res = await fetch(`${srv.url}/functions/whoami`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
    const body = (await res.json()) as { errMsg: string };
    expect(res.status).toBe(400);
    expect(body.errMsg).toMatch(/nested too deeply/);
    expect(body.errMsg).not.toMatch(/stack/i);
  });

  it('when a sender stalls half-way through a body, then the connection is cut off soon', async () => {
    // Arrange: a raw socket that promises 100 bytes and sends 10.
    const { port } = srv.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    socket.write('POST /functions/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"openid":');

    // Act
    const answer = await new Promise<string>((resolve) => {
      let out = '';
      socket.on('data', (c) => (out += c.toString()));
      socket.on('close', () => resolve(out));
    });

    // Assert: cut off after the 1.5 s request timeout (plus the check interval), not after minutes.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('when an unknown path is asked, then it answers 404 in JSON', async () => {
    // Act
    const res = await fetch(`${srv.url}/nope`);

    // Assert
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errCode: -1 });
  });
});
