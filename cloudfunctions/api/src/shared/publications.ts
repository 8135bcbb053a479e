/** What the publication and review handlers share: which publications a caller may read; rectification ids. */
import { canRead } from '../../../../miniprogram/core/domain/visibility';
import type { Caller } from '../frame/action';
import type { Db } from '../frame/db';
import type { OrgDoc } from '../repositories/docs';
import { listPublicationsFor } from '../repositories/work';
import type { PublicationDoc } from '../repositories/work-docs';
import { newId } from './scope';
import { actorId, partialTree, publicationOf, readerOf } from './work';

/** The rectification of a review has an id derived from the review: publishing twice cannot open two. */
export function rectificationId(reviewId: string): string {
  return newId('rect', 0, `rect|${reviewId}`);
}

/**
 * Publications the caller may read (plus their own drafts), in one query: audiences run along
 * ancestry, so the caller's org and its ancestors decide it. Each is re-checked with core/domain/visibility.ts.
 */
export async function readablePublications(db: Db, caller: Caller, readerOrg: OrgDoc | null): Promise<PublicationDoc[]> {
  const docs = await listPublicationsFor(db, caller.tenantId, actorId(caller), readerOrg);
  const tree = partialTree(readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [], docs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
  const reader = readerOf(caller, false);
  return docs.filter((d) => canRead(reader, publicationOf(d), tree));
}
