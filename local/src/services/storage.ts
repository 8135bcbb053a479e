/**
 * Cloud storage emulation. node-sdk's uploadFile first asks the TCB API for upload metadata and
 * then PUTs the bytes to the COS URL it was given; downloadFile asks for a temp URL and GETs it.
 * The API actions are answered on the TCB seam and the COS/temp URLs point at this local cloud
 * (`/__local_cloud/...`), answered in process by the request-core seam or over HTTP by the server.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { handleAction, handleUrl, newRequestId, tcbError, type LocalHttpResponse, type TcbRequestArgs } from './seam';
import { dataPath, getBaseUrl, getEnvId } from './state';
import { localClock } from '../clock';

/** Most files one getTempFileURL / deleteFile call may name (platform limit). */
export const MAX_FILES_PER_CALL = 50;

const UPLOAD_PREFIX = '/__local_cloud/cos/';
const FILES_PREFIX = '/__local_cloud/files/';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Bucket id of the environment, shaped like the platform's `7072-prod-xxxx-1300000000`. */
export function bucketId(envId: string = getEnvId()): string {
  const hex = Buffer.from(envId.slice(0, 2)).toString('hex');
  return `${envId}.${hex}-${envId}-1300000000`;
}

/** The fileID an upload to cloudPath gets: `cloud://<env>.<bucket>/<cloudPath>`. */
export function fileIdFor(cloudPath: string, envId: string = getEnvId()): string {
  return `cloud://${bucketId(envId)}/${cloudPath}`;
}

function checkCloudPath(path: string): string | undefined {
  if (!path) return 'cloudPath 不能为空';
  if (path.startsWith('/')) return 'cloudPath 不能以 / 开头';
  if (path.split('/').some((p) => p === '..' || p === '.' || p === '')) return 'cloudPath 不能包含空段、. 或 ..';
  if (path.includes('\\') || path.includes('\0')) return 'cloudPath 含有非法字符';
  return undefined;
}

function parseFileId(fileID: unknown): { bucket: string; path: string } | undefined {
  if (typeof fileID !== 'string') return undefined;
  const m = /^cloud:\/\/([^/]+)\/(.+)$/.exec(fileID);
  if (!m || checkCloudPath(m[2]) || m[1].includes('..')) return undefined;
  return { bucket: m[1], path: m[2] };
}

/** Where the bytes of a fileID live on disk (undefined for a malformed fileID). */
export function localFilePath(fileID: string): string | undefined {
  const f = parseFileId(fileID);
  return f ? join(dataPath('storage', f.bucket), ...f.path.split('/')) : undefined;
}

function fileExists(file: string | undefined): file is string {
  return !!file && existsSync(file) && statSync(file).isFile();
}

/**
 * Links are signed as the platform's are (`?sign=…&t=…`): the signature covers what the link may do
 * (read or upload), the file and the expiry, so removing or moving `t`, or pointing the link at another
 * file, makes it worthless. The key lives only in this process: a restart voids older links, as they
 * would expire soon anyway.
 */
const SIGNING_KEY = randomBytes(32);
/** An upload link lasts as long as the platform's COS upload authorisation (minutes), enough for the SDK's immediate PUT. */
const UPLOAD_SECONDS = 600;

function signature(kind: 'get' | 'put', bucket: string, path: string, expires: number): string {
  return createHmac('sha256', SIGNING_KEY).update([kind, bucket, path, String(expires)].join('\n')).digest('hex').slice(0, 32);
}

function signedQuery(kind: 'get' | 'put', f: { bucket: string; path: string }, seconds: number): string {
  const expires = Math.floor(localClock().now() / 1000) + seconds;
  return `sign=${signature(kind, f.bucket, f.path, expires)}&t=${expires}`;
}

/** Whether a link's `sign` and `t` are this server's for this file and not yet expired. */
function linkCheck(kind: 'get' | 'put', f: { bucket: string; path: string }, url: URL): 'ok' | 'expired' | 'unsigned' {
  const t = url.searchParams.get('t');
  const sign = url.searchParams.get('sign');
  if (!t || !sign || !/^\d+$/.test(t)) return 'unsigned';
  const expected = Buffer.from(signature(kind, f.bucket, f.path, Number(t)));
  const given = Buffer.from(sign);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'unsigned';
  return Number(t) < localClock().now() / 1000 ? 'expired' : 'ok';
}

/** The temp URL of a stored file, served by the local HTTP server until its `t` (epoch s), signed. */
function tempUrl(fileID: string, maxAge: number): string {
  const f = parseFileId(fileID) as { bucket: string; path: string };
  return `${getBaseUrl()}${FILES_PREFIX}${f.bucket}/${f.path}?${signedQuery('get', f, maxAge)}`;
}

async function uploadMetadata(args: TcbRequestArgs): Promise<unknown> {
  const requestId = newRequestId();
  const cloudPath = String(args.params.path ?? '');
  const problem = checkCloudPath(cloudPath);
  if (problem) return tcbError('INVALID_PARAM', problem, requestId);
  const fileId = fileIdFor(cloudPath);
  const f = parseFileId(fileId) as { bucket: string; path: string };
  return {
    requestId,
    data: {
      // Only the caller who asked the platform for this upload (through the SDK) holds the signed link.
      url: `${getBaseUrl()}${UPLOAD_PREFIX}${f.bucket}/${encodeURI(f.path)}?${signedQuery('put', f, UPLOAD_SECONDS)}`,
      token: 'local-cloud',
      authorization: 'local-cloud',
      fileId,
      cosFileId: `local-${requestId}`,
    },
  };
}

async function tempUrls(args: TcbRequestArgs): Promise<unknown> {
  const requestId = newRequestId();
  const list = (args.params.file_list ?? []) as { fileid: string; max_age?: number }[];
  if (list.length > MAX_FILES_PER_CALL) {
    return tcbError('INVALID_PARAM', `fileList 的长度不能超过 ${MAX_FILES_PER_CALL}`, requestId);
  }
  const downloadList = list.map(({ fileid, max_age: maxAge = 86400 }) => {
    if (!parseFileId(fileid)) return { code: 'INVALID_PARAM', fileID: fileid, tempFileURL: '', message: 'fileID 格式不正确' };
    if (!fileExists(localFilePath(fileid))) {
      return { code: 'STORAGE_FILE_NONEXIST', fileID: fileid, tempFileURL: '', message: 'storage file not exists' };
    }
    return { code: 'SUCCESS', fileID: fileid, tempFileURL: tempUrl(fileid, maxAge), maxAge };
  });
  return { requestId, data: { download_list: downloadList } };
}

async function deleteFiles(args: TcbRequestArgs): Promise<unknown> {
  const requestId = newRequestId();
  const list = (args.params.fileid_list ?? []) as string[];
  if (list.length > MAX_FILES_PER_CALL) {
    return tcbError('INVALID_PARAM', `fileList 的长度不能超过 ${MAX_FILES_PER_CALL}`, requestId);
  }
  const deleteList = list.map((fileID) => {
    const file = localFilePath(fileID);
    if (!fileExists(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
    rmSync(file);
    return { fileID, code: 'SUCCESS' };
  });
  return { requestId, data: { delete_list: deleteList } };
}

/** Decodes `/<bucket>/<path>` after a prefix into the file's bucket, path and local file (undefined if unsafe). */
function fileFromUrlPath(pathname: string, prefix: string): { bucket: string; path: string; file: string } | undefined {
  let rest: string;
  try {
    rest = pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const f = { bucket: rest.slice(0, slash), path: rest.slice(slash + 1) };
  const file = localFilePath(`cloud://${f.bucket}/${f.path}`);
  return file ? { ...f, file } : undefined;
}

/** Answers COS uploads (PUT) and temp URL downloads (GET/HEAD) of the local cloud. */
export function answerStorageUrl(req: { method: string; url: URL; body: Buffer }): LocalHttpResponse | undefined {
  const { method, url } = req;
  const text = (statusCode: number, msg: string): LocalHttpResponse => ({
    statusCode,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(msg),
  });
  if (url.pathname.startsWith(UPLOAD_PREFIX) && method === 'PUT') {
    const f = fileFromUrlPath(url.pathname, UPLOAD_PREFIX);
    if (!f) return text(400, 'bad upload path');
    // An upload needs the signed link the platform gave its caller (an identity), never just the path.
    const check = linkCheck('put', f, url);
    if (check !== 'ok') return text(403, check === 'expired' ? 'upload url expired' : 'upload url not signed');
    mkdirSync(dirname(f.file), { recursive: true });
    writeFileSync(f.file, req.body);
    // COS answers a successful PUT with an empty body.
    return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
  }
  if (url.pathname.startsWith(FILES_PREFIX) && (method === 'GET' || method === 'HEAD')) {
    const f = fileFromUrlPath(url.pathname, FILES_PREFIX);
    if (!f) return text(404, 'file not found');
    const check = linkCheck('get', f, url);
    if (check !== 'ok') return text(403, check === 'expired' ? 'temp url expired' : 'temp url not signed');
    const file = f.file;
    if (!fileExists(file)) return text(404, 'file not found');
    const body = readFileSync(file);
    return {
      statusCode: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(body.length),
      },
      body: method === 'HEAD' ? Buffer.alloc(0) : body,
    };
  }
  return undefined;
}

/** True when a URL path belongs to the storage routes (for the HTTP server). */
export function isStorageUrl(pathname: string): boolean {
  return pathname.startsWith(UPLOAD_PREFIX) || pathname.startsWith(FILES_PREFIX);
}

/** Registers the storage answers on the TCB and request-core seams. */
export function installStorage(): void {
  handleAction('storage.getUploadMetadata', uploadMetadata);
  handleAction('storage.batchGetDownloadUrl', tempUrls);
  handleAction('storage.batchDeleteFile', deleteFiles);
  handleUrl(answerStorageUrl);
}
