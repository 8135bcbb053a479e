/**
 * The invitation's mini program code (小程序码): `wxacode.getUnlimited` with the invitation id as the
 * scene, opening the join page; stored in cloud storage so it can be shown, saved and printed.
 */
import type { Cloud } from '../frame/db';

/** The join page a scanned code opens (no leading slash, as getUnlimited wants it). */
export const JOIN_PAGE = 'pages/join/join/join';
/** WeChat's limit on a code's scene. */
export const SCENE_MAX = 32;

/** A stored code: its file, a temporary link to show it, and the scene it carries. */
export interface InvitationCode {
  fileID: string;
  url: string;
  scene: string;
}

/** Makes and stores the code of an invitation; null when the platform refuses (the share card still works). */
export async function makeInvitationCode(cloud: Cloud, tenantId: string, invitationId: string, days: number): Promise<InvitationCode | null> {
  const scene = invitationId;
  if (scene.length > SCENE_MAX) return null;
  try {
    const code = (await cloud.openapi.wxacode.getUnlimited({ scene, page: JOIN_PAGE, checkPath: false, width: 430 })) as { buffer: Buffer };
    const up = await cloud.uploadFile({ cloudPath: `invitations/${tenantId}/${invitationId}.png`, fileContent: Buffer.from(code.buffer) });
    const links = (await cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: days * 24 * 3600 }] })) as { fileList: Array<{ tempFileURL?: string }> };
    return { fileID: up.fileID, url: links.fileList[0]?.tempFileURL ?? '', scene };
  } catch (err) {
    // A missing permission or an unpublished page must not cost the secretary the invitation itself.
    console.error('invitation code failed', invitationId, (err as { errMsg?: string }).errMsg ?? err);
    return null;
  }
}
