/** User text passes WeChat's content security check (msgSecCheck v2) before it is stored. */
import type { Cloud } from './db';
import { AppError } from './errors';

const MAX_CONTENT = 2500;
/** Scene 2 = comment/feedback, the closest of WeChat's scenes to a review or reply. */
const SCENE_COMMENT = 2;

/** Checks texts in as few calls as fit the 2,500-character limit; risky → error, review → 'HELD'. */
export async function moderate(cloud: Cloud, openid: string, texts: string[]): Promise<'PASS' | 'HELD'> {
  let verdict: 'PASS' | 'HELD' = 'PASS';
  for (const content of pack(texts)) {
    const res = (await cloud.openapi.security.msgSecCheck({ openid, scene: SCENE_COMMENT, version: 2, content })) as {
      result?: { suggest?: string };
    };
    const suggest = res.result?.suggest ?? 'pass';
    if (suggest === 'risky') throw new AppError('CONTENT.RISKY');
    if (suggest === 'review') verdict = 'HELD';
  }
  return verdict;
}

function pack(texts: string[]): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const text of texts) {
    for (let i = 0; i < text.length; i += MAX_CONTENT) {
      const piece = text.slice(i, i + MAX_CONTENT);
      if (current && current.length + piece.length + 1 > MAX_CONTENT) {
        chunks.push(current);
        current = piece;
      } else {
        current = current ? `${current}\n${piece}` : piece;
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
