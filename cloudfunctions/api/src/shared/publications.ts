/** What the publication and review handlers share: which publications a caller may read; rectification ids. */
import { COL } from '../repositories/collections';
import { canRead } from '../../../../miniprogram/core/domain/scope';
import type { Caller } from '../frame/action';
import type { Db } from '../frame/db';
import type { OrgDoc } from '../repositories/docs';
import { findMany } from '../repositories/read';

import { PublicationDoc } from '../repositories/work-docs';
import { newId } from './scope';
import { actorId, partialTree, publicationOf, readerOf } from './work';

/** The rectification of a review has an id derived from the review: publishing twice cannot open two. */
export function rectificationId(reviewId: string): string {
  return newId('rect', 0, `rect|${reviewId}`);
}

/**
 * Publications the caller may read (plus their own drafts), in one query: audiences run along
 * ancestry, so the caller's org and its ancestors decide it. Each is re-checked with scope.ts.
 */
export async function readablePublications(db: Db, caller: Caller, readerOrg: OrgDoc | null): Promise<PublicationDoc[]> {
  const _ = db.command;
  const tenantId = caller.tenantId;
  const branches: Array<Record<string, unknown>> = [{ tenantId, organiserId: actorId(caller) }];
  if (readerOrg) {
    const chain = [...readerOrg.path, readerOrg._id];
    const published = { tenantId, status: 'PUBLISHED' };
    branches.push(
      { ...published, 'scope.kind': 'TENANT' },
      { ...published, 'scope.kind': 'SUBTREE', 'scope.orgId': _.in(chain) },
      { ...published, 'scope.kind': _.in(['TARGET_ORG', 'ORG_AND_UPPER']), 'scope.orgId': readerOrg._id },
      { ...published, 'scope.kind': 'ORG_AND_UPPER', anchorParentId: readerOrg._id },
    );
  }
  const docs = await findMany(db, COL.publications, PublicationDoc, _.or(branches) as unknown as Record<string, unknown>, { limit: 100, orderBy: [['updatedAt', 'desc']] });
  const tree = partialTree(readerOrg ? [{ orgId: readerOrg._id, path: readerOrg.path }] : [], docs.map((p) => ({ orgId: p.scope.orgId, parentId: p.anchorParentId })));
  const reader = readerOf(caller, false);
  return docs.filter((d) => canRead(reader, publicationOf(d), tree));
}
