/**
 * Test harness for the `export` function: the api harness's local cloud and seed-000 district, with
 * the export function loaded against the same cloud and called through the real wx-server-sdk.
 */
import { DEFAULT_APPID, runAsCaller } from '../../../local/src/services';
import type { Reply } from '../../../miniprogram/core/contracts/envelope';
import { apiHarness, type Data, type Harness, type Main } from '../../api/test/harness';

export interface ExportHarness extends Harness {
  /** Calls an export action as `openid`; every call gets a fresh requestId unless one is given. */
  exp(openid: string, action: string, payload?: unknown, requestId?: string | null): Promise<Reply<Data>>;
  /** …and expects success. */
  expOk(openid: string, action: string, payload?: unknown): Promise<Data>;
  /** The bytes of a stored file, as the mini program would download them. */
  download(fileID: string): Promise<Buffer>;
  /** Uploads a file as the mini program would (wx.cloud.uploadFile), returning its fileID. */
  upload(cloudPath: string, content: Buffer): Promise<string>;
}

let seq = 0;

/** Installs the local cloud and loads both functions against it. */
export function exportHarness(): ExportHarness {
  const h = apiHarness();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../src/index') as { main: Main };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = () => require('wx-server-sdk') as { downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>; uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> };
  const exp = (openid: string, action: string, payload: unknown = {}, requestId?: string | null) =>
    runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `e${++seq}` }, () =>
      main({ action, payload, ...(requestId === null ? {} : { requestId: requestId ?? `exp-${process.pid.toString(36)}-${++seq}` }) }),
    );
  const expOk = async (openid: string, action: string, payload: unknown = {}) => {
    const reply = await exp(openid, action, payload);
    if (!reply.ok) throw new Error(`${action} as ${openid} failed: ${JSON.stringify(reply.error)}`);
    return reply.data;
  };
  return {
    ...h,
    exp,
    expOk,
    download: async (fileID) => Buffer.from((await sdk().downloadFile({ fileID })).fileContent),
    upload: async (cloudPath, content) => (await sdk().uploadFile({ cloudPath, fileContent: content })).fileID,
  };
}
