/**
 * Files made in the cloud by the `export` function (forms, 台帐, progress sheet, roster template):
 * made there, downloaded from the temporary link and opened with the menu, so they can be forwarded
 * in a chat. The archive is a job: `archive.step` is called until it is done, with progress shown.
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

function typeOf(name: string): 'docx' | 'xlsx' | 'pdf' | 'doc' | 'xls' {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'xlsx' || ext === 'pdf' || ext === 'doc' || ext === 'xls' ? ext : 'docx';
}

/** Downloads a made file and opens it with the menu (转发, 保存); resolves false when it could not. */
export function openFile(file: ExportedFile): Promise<boolean> {
  return new Promise((resolve) => {
    wx.downloadFile({
      url: file.url,
      success: (res) => {
        if (res.statusCode !== 200) {
          wx.showToast({ title: '文件下载失败，请重试', icon: 'none' });
          resolve(false);
          return;
        }
        wx.openDocument({ filePath: res.tempFilePath, fileType: typeOf(file.name), showMenu: true, success: () => resolve(true), fail: () => resolve(false) });
      },
      fail: () => {
        wx.showToast({ title: NETWORK_MESSAGE, icon: 'none' });
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

/** Makes the 台帐 archive: starts the job and steps it to the end, telling `progress` after each step. */
export async function exportArchive(payload: { orgId: string; campaignId: string; cycleKey: string }, progress: (step: ArchiveStep) => void): Promise<ApiResult<ExportedFile>> {
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
      await openFile(step.data.file);
      return { ok: true, data: step.data.file };
    }
  }
  return { ok: false, error: { code: 'INTERNAL', message: '台帐生成超时，请稍后重试' } };
}
