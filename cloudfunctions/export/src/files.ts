/** Files handed to the mini program: uploaded to cloud storage, reached through a short-lived link. */
import { randomUUID } from 'node:crypto';
import { type Cloud } from '../../api/src/kernel';
import { safeFileName } from '../../../miniprogram/core/domain/forms';

/** Temporary links last ten minutes: long enough to download and open, too short to pass around. */
export const LINK_SECONDS = 600;

export interface Delivered {
  fileID: string;
  name: string;
  url: string;
  expiresAt: number;
  bytes: number;
}

/** Uploads a file under the tenant's export folder at an unguessable path; returns its temporary link. */
export async function deliver(cloud: Cloud, tenantId: string, name: string, content: Buffer, now: number): Promise<Delivered> {
  const fileName = safeFileName(name);
  const cloudPath = `exports/${tenantId}/${randomUUID()}/${fileName}`;
  const up = await cloud.uploadFile({ cloudPath, fileContent: content });
  return { ...(await linkOf(cloud, up.fileID, now)), name: fileName, bytes: content.length };
}

/** A fresh temporary link to a stored export. */
export async function linkOf(cloud: Cloud, fileID: string, now: number): Promise<{ fileID: string; url: string; expiresAt: number }> {
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })) as { fileList: Array<{ status: number; tempFileURL?: string; errMsg?: string }> };
  const item = res.fileList[0];
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed for ${fileID}: ${item?.errMsg ?? 'no answer'}`);
  return { fileID, url: item.tempFileURL, expiresAt: now + LINK_SECONDS * 1000 };
}

/** Uploads a part of a job (not handed out by itself). */
export async function storePart(cloud: Cloud, tenantId: string, jobId: string, index: number, content: Buffer): Promise<string> {
  const up = await cloud.uploadFile({ cloudPath: `exports/${tenantId}/jobs/${jobId}/${index}.docx`, fileContent: content });
  return up.fileID;
}

/** Downloads a stored file's bytes. */
export async function fetchFile(cloud: Cloud, fileID: string): Promise<Buffer> {
  const res = await cloud.downloadFile({ fileID });
  return Buffer.from(res.fileContent as Buffer);
}
