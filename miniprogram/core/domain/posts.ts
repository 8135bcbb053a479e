/**
 * Per-person post rules (DOMAIN §1): who may hold a liaison point (联系点). One statement, asked by
 * the tree check (`validateTree`), the single edit (`liaison.assign`) and the roster import alike.
 */
import type { Org } from '../contracts/org';
import type { ErrorCode } from '../errors';

/** The leader as the rule needs them. */
export interface LiaisonLeader {
  id: string;
  name: string;
  /** The org they are registered in. */
  orgId: string;
  left?: boolean;
}

/** The org proposed as the liaison point. */
export interface LiaisonOrg {
  id: string;
  name: string;
  secretaryId: string | null;
}

/**
 * Why `leader` may not take `org` as a liaison point, or null when they may. A liaison point is an
 * org a leader looks in on from another post: never the org they are secretary of (they would review
 * themselves), and never the org they are registered in unless they lead another one (secretary or
 * committee member there) — a plain member or a 支委 of that very branch has no post to look in from.
 * `postOrgIds` are the active orgs where the leader is secretary or committee member. Someone who has
 * left keeps their recorded posts (the gaps report the vacancy), so the rule does not apply to them.
 */
export function liaisonRefusal(leader: LiaisonLeader, org: LiaisonOrg, postOrgIds: readonly string[]): { code: ErrorCode; message: string } | null {
  if (leader.left) return null;
  if (org.secretaryId === leader.id) return { code: 'REVIEW.SELF', message: `${leader.name}是“${org.name}”的书记，不能把本组织作为联系点` };
  if (leader.orgId === org.id && !postOrgIds.some((o) => o !== org.id)) {
    return { code: 'INPUT.INVALID', message: `${leader.name}登记在“${org.name}”，且未在其他党组织任书记或班子成员，不能把本人所在的党组织作为联系点` };
  }
  return null;
}

/** The active orgs where each person is secretary or committee member: the posts `liaisonRefusal` looks at. */
export function postsByPerson(orgs: Iterable<{ org: Pick<Org, 'id' | 'retired' | 'secretaryId' | 'committeeMemberIds'> }>): Map<string, string[]> {
  const posts = new Map<string, string[]>();
  const add = (personId: string, orgId: string) => posts.set(personId, [...(posts.get(personId) ?? []), orgId]);
  for (const { org } of orgs) {
    if (org.retired) continue;
    if (org.secretaryId !== null) add(org.secretaryId, org.id);
    for (const c of org.committeeMemberIds) if (c !== org.secretaryId) add(c, org.id);
  }
  return posts;
}
