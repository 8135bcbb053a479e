/** Scope resolvers: which org (or tenant) an action concerns, loaded in one read at most. */
import type { OrgFacts } from '../../../../miniprogram/core/domain/permissions';
import { defineAction as frameAction, type ActionSpec, type BaseScope, type Caller, type Deps } from '../frame/action';
import { AppError } from '../frame/errors';
import type { OrgDoc } from '../repositories/docs';
import { getOrg } from '../repositories/store';

/** The org (or just the tenant) an action concerns; the loaded org document rides along for the use case. */
export interface Scope extends BaseScope {
  orgDoc?: OrgDoc;
}

/** A scope that also carries the entity it was resolved from, handed to the use case so it is read once. */
export type EntityScope<E> = Scope & { entity: E };

/** The scope with the entity the use case will need. */
export function withEntity<E>(scope: Scope, entity: E): EntityScope<E> {
  return { ...scope, entity };
}

/** Declares an action whose scope is this module's Scope (the use case may read the loaded org and entity). */
export function defineAction<I, O, S extends Scope = Scope>(spec: ActionSpec<I, O, S>): ActionSpec<I, O, S> {
  return frameAction(spec);
}

/** The permission facts of a stored org. */
export function orgFacts(doc: OrgDoc): OrgFacts {
  return { id: doc._id, tenantId: doc.tenantId, path: doc.path, secretaryId: doc.secretaryId, committeeMemberIds: doc.committeeMemberIds };
}

/** The action concerns the caller's own tenant as a whole. */
export async function tenantScope(_input: unknown, caller: Caller): Promise<Scope> {
  return { tenantId: caller.tenantId, org: null };
}

/** The action concerns no tenant yet (bootstrap, claiming an invitation). */
export async function noScope(): Promise<Scope> {
  return { tenantId: null, org: null };
}

/** The action concerns the org whose id the input names. */
export function orgScope<I>(orgIdOf: (input: I) => string) {
  return async (input: I, caller: Caller, deps: Deps): Promise<Scope> => scopeOfOrg(orgIdOf(input), caller, deps);
}

/** Loads an org as the scope; an unknown org is reported without revealing other tenants' data. */
export async function scopeOfOrg(orgId: string, caller: Caller, deps: Deps): Promise<Scope> {
  const doc = await getOrg(deps.db, orgId);
  if (!doc) throw new AppError(caller.tenantId ? 'ORG.NOT_FOUND' : 'AUTH.UNBOUND');
  return { tenantId: doc.tenantId, org: orgFacts(doc), orgDoc: doc };
}

/** The scope's org doc, which orgScope always loads. */
export function scopedOrg(scope: Scope): OrgDoc {
  if (!scope.orgDoc) throw new Error('action declared without an org scope');
  return scope.orgDoc;
}

/** A new id: time-ordered, with the request id to stay unique and reproducible for retries. */
export function newId(prefix: string, now: number, salt: string): string {
  return `${prefix}_${now.toString(36)}_${hash(salt)}`;
}

function hash(text: string): string {
  // FNV-1a, 2 × 32 bits: short ids that differ for every request id and index.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}
