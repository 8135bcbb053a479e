/**
 * Files made in the cloud by the `export` function (forms, 台帐, progress sheet, roster template):
 * made there, downloaded from the temporary link and opened with the menu, so they can be forwarded
 * in a chat. The archive is a job: `archive.step` is called until it is done, with progress shown; it is a
 * .zip, which WeChat does not open, so it is downloaded and then sent to a chat from a tap (`shareFile`).
 */
import { EXPORT_FUNCTION } from '../config';
import { NETWORK_MESSAGE, newIntent, type ApiError, type ApiResult } from './api';

/** A file as `export` answers it. */
export interface ExportedFile {
  fileID: string;
  name: string;
  url: string;
  expiresAt: number;
  bytes: number;
}

async function send<T>(action: string, payload: unknown, requestId?: string): Promise<ApiResult<T>> {
  try {
    const res = (await wx.cloud.callFunction({ name: EXPORT_FUNCTION, data: { action, payload, ...(requestId ? { requestId } : {}) } })) as { result?: unknown };
    const r = res.result as { ok?: boolean; data?: T; error?: ApiError } | undefined;
    if (r && r.ok === true) return { ok: true, data: r.data as T };
    if (r && r.ok === false && r.error) return { ok: false, error: r.error };
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } };
  }
}

/** The file types WeChat's openDocument opens; it refuses anything else (a .zip among them). */
const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The openDocument type of a file name, or null when WeChat cannot open it as a document (never guessed). */
export function documentType(name: string): DocumentType | null {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return (DOCUMENT_TYPES as readonly string[]).includes(ext) ? (ext as DocumentType) : null;
}

/** Downloads a made file to a temporary path on this phone; null (the user told why) when it could not. */
export function downloadFile(file: ExportedFile): Promise<string | null> {
  return new Promise((resolve) => {
    wx.downloadFile({
      url: file.url,
      // Typed here: the page tests check this file with their own `wx` (PLATFORM.md's two typings).
      success: (res: { statusCode: number; tempFilePath: string }) => {
        if (res.statusCode === 200) return resolve(res.tempFilePath);
        wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
        resolve(null);
      },
      fail: () => {
        wx.showToast({ title: NETWORK_MESSAGE, icon: 'none' });
        resolve(null);
      },
    });
  });
}

/**
 * Downloads a made file and opens it with the menu (转发, 保存); resolves false when it could not. Only the
 * types WeChat opens are handed to openDocument: anything else would fail there (a .zip is sent to a chat
 * instead, see `shareFile`).
 */
export async function openFile(file: ExportedFile): Promise<boolean> {
  const fileType = documentType(file.name);
  if (!fileType) {
    wx.showToast({ title: '微信不能直接打开这种文件，请发到聊天后在电脑上打开', icon: 'none', duration: 3000 });
    return false;
  }
  const filePath = await downloadFile(file);
  if (!filePath) return false;
  return new Promise((resolve) => {
    wx.openDocument({
      filePath,
      fileType,
      showMenu: true,
      success: () => resolve(true),
      fail: () => {
        wx.showToast({ title: '文件打开失败，请重试', icon: 'none' });
        resolve(false);
      },
    });
  });
}

/**
 * Sends a downloaded file into a chat the user picks (转发给朋友、群或文件传输助手), the way WeChat offers for files
 * it cannot open (a .zip): `wx.shareFileMessage`, base library 2.16.1 or later, only from a tap. Resolves
 * whether it was sent; cancelling the chat picker says nothing.
 */
export function shareFile(filePath: string, fileName: string): Promise<boolean> {
  if (typeof wx.shareFileMessage !== 'function') {
    wx.showToast({ title: '请将微信升级到最新版本后再发送文件', icon: 'none', duration: 3000 });
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    wx.shareFileMessage({
      filePath,
      fileName,
      success: () => resolve(true),
      fail: (err: { errMsg: string }) => {
        if (!/cancel/i.test(err.errMsg)) wx.showToast({ title: '文件发送失败，请重试', icon: 'none' });
        resolve(false);
      },
    });
  });
}

/** Makes one file (a form, a sheet, the template) and opens it; errors become a toast. */
export async function exportAndOpen(action: string, payload: Record<string, unknown>): Promise<ApiResult<ExportedFile>> {
  wx.showLoading({ title: '正在生成文件', mask: true });
  const reply = await send<{ file: ExportedFile }>(action, payload);
  wx.hideLoading();
  if (!reply.ok) {
    wx.showToast({ title: reply.error.message, icon: 'none', duration: 3000 });
    return reply;
  }
  await openFile(reply.data.file);
  return { ok: true, data: reply.data.file };
}

/** One step of the archive job as `archive.step` reports it. */
export interface ArchiveStep {
  status: string;
  done: number;
  total: number;
  file: ExportedFile | null;
}

/** A made file downloaded to this phone, ready to be sent to a chat. */
export interface DownloadedFile {
  file: ExportedFile;
  filePath: string;
}

/**
 * Makes the 台帐 archive: starts the job and steps it to the end, telling `progress` after each step, then
 * downloads the .zip. It is not opened (WeChat cannot): the page offers 发到聊天, which needs its own tap.
 */
export async function exportArchive(payload: { orgId: string; campaignId: string; cycleKey: string }, progress: (step: ArchiveStep) => void): Promise<ApiResult<DownloadedFile>> {
  const started = await send<{ jobId: string }>('archive.start', payload, newIntent().requestId);
  if (!started.ok) {
    wx.showToast({ title: started.error.message, icon: 'none', duration: 3000 });
    return started;
  }
  // Each step does a few seconds of work; a job that never finishes is cut off rather than looping on.
  for (let i = 0; i < 500; i += 1) {
    const step = await send<ArchiveStep>('archive.step', { jobId: started.data.jobId });
    if (!step.ok) {
      wx.showToast({ title: step.error.message, icon: 'none', duration: 3000 });
      return step;
    }
    progress(step.data);
    if (step.data.file) {
      const filePath = await downloadFile(step.data.file);
      if (!filePath) return { ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } };
      return { ok: true, data: { file: step.data.file, filePath } };
    }
  }
  return { ok: false, error: { code: 'INTERNAL', message: '台帐生成超时，请稍后重试' } };
}
