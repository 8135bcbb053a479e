import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud } from './test-cloud';
import { MAX_FILES_PER_CALL, callFunction, fileIdFor, installServices, localFilePath } from './index';

let dataDir: string;

beforeAll(() => {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lc-storage-'));
  installServices({ dataDir });
});

// node-sdk 3.17 throws TcbErrors (throwOnCode is on), so wx-server-sdk reports errCode -1 with the TCB `code`.
async function errorOf(p: Promise<unknown>): Promise<{ errCode: number; errMsg: string; code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { errCode: number; errMsg: string; code?: string };
  }
  throw new Error('expected a rejection');
}

describe('storage', () => {
  it('when a file is uploaded, linked, downloaded and deleted, then each step sees the previous one', async () => {
    // Arrange
    const content = Buffer.from('点评报告 2026 第四季度');

    // Act
    const up = await cloud.uploadFile({ cloudPath: 'reports/二支部/report.docx', fileContent: content });
    const stored = localFilePath(up.fileID) as string;
    const onDisk = readFileSync(stored);
    const links = await cloud.getTempFileURL({ fileList: [up.fileID] });
    const down = await cloud.downloadFile({ fileID: up.fileID });
    const del = await cloud.deleteFile({ fileList: [up.fileID] });
    const afterDelete = await errorOf(cloud.downloadFile({ fileID: up.fileID }));

    // Assert
    expect(up.fileID).toBe(fileIdFor('reports/二支部/report.docx'));
    expect(up.fileID).toMatch(/^cloud:\/\/local-dev\.[a-z0-9-]+\/reports\/二支部\/report\.docx$/);
    expect(stored.startsWith(join(dataDir, 'storage'))).toBe(true);
    expect(onDisk.equals(content)).toBe(true);
    expect(links.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0, tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/__local_cloud\/files\//) });
    expect(Buffer.from(down.fileContent).equals(content)).toBe(true);
    expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);
    expect(existsSync(stored)).toBe(false);
    expect(afterDelete).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errMsg: 'downloadFile:fail storage file not exists' });
  });

  it('when a cloud function uploads, then the file is stored under the same fileID as from a script', async () => {
    // Act
    const res = await callFunction({
      name: 'exporter',
      openid: 'o-1',
      main: async () => (await cloud.uploadFile({ cloudPath: 'exports/a.txt', fileContent: Buffer.from('x') })).fileID,
    });

    // Assert
    expect(res).toEqual({ result: fileIdFor('exports/a.txt') });
    expect(readFileSync(localFilePath(fileIdFor('exports/a.txt')) as string, 'utf8')).toBe('x');
  });

  it('when a temp URL is asked for a missing file, then that entry has status -503003 and no URL', async () => {
    // Act
    const res = await cloud.getTempFileURL({ fileList: [fileIdFor('nope.png')] });

    // Assert
    expect(res.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
  });

  it(`when more than ${MAX_FILES_PER_CALL} files are asked in one call, then the SDK throws an invalid-parameter error`, async () => {
    // Arrange
    const ids = Array.from({ length: MAX_FILES_PER_CALL + 1 }, (_, i) => fileIdFor(`f${i}.txt`));

    // Act
    const err = await errorOf(cloud.getTempFileURL({ fileList: ids }));

    // Assert
    expect(err).toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringMatching(/^getTempFileURL:fail .*50/) });
  });

  it('when a cloudPath climbs out with .., then nothing is written outside the data dir', async () => {
    // Act
    const err = await errorOf(cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }));

    // Assert
    expect(err).toBeTruthy();
    expect(existsSync(join(dataDir, 'escape.txt'))).toBe(false);
    expect(existsSync(join(dataDir, 'storage', 'escape.txt'))).toBe(false);
  });
});
