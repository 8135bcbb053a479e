/**
 * Roster import: a whole batch of orgs and people in one call. Every row is checked with the
 * contracts and the domain's tree rules; every bad row is reported by number; nothing is written
 * unless all rows are good, and then everything is written in one transaction.
 */
import { phoneTailOf } from '../../../../miniprogram/core/domain/claims';
import { RosterImportOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import * as z from 'zod/mini';
import { RosterImportInput, RosterOrgRow, RosterPersonRow } from '../../../../miniprogram/core/contracts/api/org';
import { liaisonRefusal, postsByPerson } from '../../../../miniprogram/core/domain/posts';
import { validateTree } from '../../../../miniprogram/core/domain/tree';
import { fieldMessage } from '../../../../miniprogram/core/errors';
import { AppError } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { OrgDoc, PersonDoc } from '../repositories/docs';
import { getTenant, listOrgs, listPersons } from '../repositories/store';
import { defineAction, newId, tenantScope } from '../shared/scope';

type PersonRow = z.infer<typeof RosterPersonRow>;
interface Issue {
  path: Array<string | number>;
  message: string;
}

const TABLE = { orgs: '党组织', persons: '人员' } as const;

function rowIssue(table: 'orgs' | 'persons', row: number, field: Array<string | number>, detail: string): Issue {
  return { path: [table, row, ...field], message: `${TABLE[table]}第${row + 1}行：${detail}` };
}

/** The domain names fields of the stored shape; a row issue names the field of the import row. */
function rowField(field: Array<string | number>): Array<string | number> {
  const [head, ...rest] = field;
  if (head === 'parentId') return ['parent', ...rest];
  if (head === 'orgId') return ['org', ...rest];
  if (head === 'flags' && rest[0] === 'mobile') return ['mobileInflowOrg'];
  if (head === 'flags') return rest;
  return field;
}

function parseRows<T>(table: 'orgs' | 'persons', rows: unknown[], schema: z.ZodMiniType<T>, issues: Issue[]): Array<T | null> {
  return rows.map((raw, row) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const i of parsed.error.issues) {
      const field = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      issues.push(rowIssue(table, row, field, fieldMessage(i)));
    }
    return null;
  });
}

export const rosterActions = {
  'roster.import': defineAction({
    input: RosterImportInput,
    output: RosterImportOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller, requestKey, now }) => {
      const tenantId = caller.tenantId ?? '';
      const issues: Issue[] = [];
      const orgRows = parseRows('orgs', input.orgs, RosterOrgRow, issues);
      const personRows = parseRows('persons', input.persons, RosterPersonRow, issues);

      const [tenant, existingOrgs, existingPersons] = await Promise.all([getTenant(db, tenantId), listOrgs(db, tenantId), listPersons(db, tenantId)]);
      if (!tenant) throw new AppError('TENANT.NOT_FOUND');
      const existing = new Map(existingOrgs.map((o) => [o._id, o]));

      // Keys of this import become ids; a reference is a key of this import or an existing org id.
      const keyToId = new Map<string, string>();
      orgRows.forEach((row, i) => {
        if (!row) return;
        if (keyToId.has(row.key)) issues.push(rowIssue('orgs', i, ['key'], `编号“${row.key}”与前面的行重复`));
        else keyToId.set(row.key, newId('org', now, `${requestKey}:o${i}`));
      });
      const resolve = (ref: string): string | null => keyToId.get(ref) ?? (existing.has(ref) ? ref : null);

      const newOrgs = new Map<string, Omit<OrgDoc, 'version' | 'path'> & { row: number }>();
      orgRows.forEach((row, i) => {
        if (!row || keyToId.get(row.key) === undefined || newOrgs.has(keyToId.get(row.key) as string)) return;
        const parentId = row.parent === null ? null : resolve(row.parent);
        if (row.parent !== null && !parentId) issues.push(rowIssue('orgs', i, ['parent'], `上级党组织“${row.parent}”不在本次导入中，也不是已有的党组织`));
        const id = keyToId.get(row.key) as string;
        newOrgs.set(id, { row: i, _id: id, tenantId, name: row.name, kind: row.kind, parentId: parentId ?? row.parent, secretaryId: null, committeeMemberIds: [], retired: false, opengid: null });
      });

      const orgUpdates = new Map<string, { secretaryId?: string; committeeMemberIds?: string[] }>();
      const newPersons: Array<Omit<PersonDoc, 'version'> & { row: number }> = [];
      personRows.forEach((row: PersonRow | null, i) => {
        if (!row) return;
        const orgId = resolve(row.org);
        if (!orgId) {
          issues.push(rowIssue('persons', i, ['org'], `所在党组织“${row.org}”不在本次导入中，也不是已有的党组织`));
          return;
        }
        const id = newId('p', now, `${requestKey}:p${i}`);
        const inflow = row.mobileInflowOrg === undefined ? undefined : resolve(row.mobileInflowOrg);
        if (inflow === null) issues.push(rowIssue('persons', i, ['mobileInflowOrg'], `流入地党组织“${row.mobileInflowOrg}”不存在`));
        // Posts are for party members only: blame this row rather than the orgs it names.
        const member = row.isMember !== false;
        const postsOf = <T>(refs: T[] | undefined): T[] => (member ? (refs ?? []) : []);
        for (const field of ['secretaryOf', 'committeeOf', 'liaisonOrgs'] as const) {
          if (!member && (row[field] ?? []).length) issues.push(rowIssue('persons', i, [field], '非党员（如群众代表）不能担任书记、班子成员或联系领导'));
        }
        const liaisonOf: string[] = [];
        // The row's own posts, as the liaison rule reads them (posts in orgs it does not resolve are reported below).
        const leadsAt = postsOf(row.secretaryOf).map(resolve);
        const postOrgIds = [...leadsAt, ...postsOf(row.committeeOf).map(resolve)].filter((o): o is string => o !== null);
        postsOf(row.liaisonOrgs).forEach((ref, j) => {
          const target = resolve(ref);
          if (!target) {
            issues.push(rowIssue('persons', i, ['liaisonOrgs', j], `联系点“${ref}”不存在`));
            return;
          }
          const point = { id: target, name: newOrgs.get(target)?.name ?? existing.get(target)?.name ?? ref, secretaryId: leadsAt.includes(target) ? id : null };
          const refusal = liaisonRefusal({ id, name: row.name, orgId }, point, postOrgIds);
          if (refusal) issues.push(rowIssue('persons', i, ['liaisonOrgs', j], refusal.message));
          else liaisonOf.push(target);
        });
        const secretaryOf: string[] = [];
        postsOf(row.secretaryOf).forEach((ref, j) => {
          const target = resolve(ref);
          if (!target) {
            issues.push(rowIssue('persons', i, ['secretaryOf', j], `任书记的党组织“${ref}”不存在`));
            return;
          }
          const fresh = newOrgs.get(target);
          const update = orgUpdates.get(target) ?? {};
          const current = fresh ? fresh.secretaryId : (update.secretaryId ?? existing.get(target)?.secretaryId);
          if (current) {
            issues.push(rowIssue('persons', i, ['secretaryOf', j], `“${fresh?.name ?? existing.get(target)?.name}”已有书记，一个党组织只能有一名书记`));
            return;
          }
          if (fresh) fresh.secretaryId = id;
          else orgUpdates.set(target, { ...update, secretaryId: id });
          secretaryOf.push(target);
        });
        postsOf(row.committeeOf).forEach((ref, j) => {
          const target = resolve(ref);
          if (!target) {
            issues.push(rowIssue('persons', i, ['committeeOf', j], `所在班子的党组织“${ref}”不存在`));
            return;
          }
          const fresh = newOrgs.get(target);
          if (fresh) fresh.committeeMemberIds = [...fresh.committeeMemberIds, id];
          else {
            const update = orgUpdates.get(target) ?? {};
            orgUpdates.set(target, { ...update, committeeMemberIds: [...(update.committeeMemberIds ?? existing.get(target)?.committeeMemberIds ?? []), id] });
          }
        });
        newPersons.push({
          row: i,
          _id: id,
          tenantId,
          name: row.name,
          orgId,
          unitAndPost: row.unitAndPost,
          // Only the tail is kept: enough to check a claim, too little to call anyone.
          ...(row.phone !== undefined && phoneTailOf(row.phone) ? { phoneTail: phoneTailOf(row.phone) } : {}),
          isMember: row.isMember ?? true,
          flags: JSON.parse(JSON.stringify({ mobile: inflow ? { inflowOrgId: inflow } : undefined, intern: row.intern, elderly: row.elderly })),
          left: false,
          openid: null,
          admin: false,
          secretaryOf,
          liaisonOf,
          history: [],
        });
      });
      // The whole tenant as it would be after the import must satisfy the domain's tree rules. This runs
      // even when rows failed above, so that one import reports every bad row (a cycle as well as a typo).
      const orgsAfter = [
        ...[...newOrgs.values()].map((o) => ({ id: o._id, tenantId, name: o.name, kind: o.kind, parentId: o.parentId, secretaryId: o.secretaryId, committeeMemberIds: o.committeeMemberIds, retired: false })),
        ...existingOrgs.map((o) => ({ id: o._id, tenantId, name: o.name, kind: o.kind, parentId: o.parentId, secretaryId: orgUpdates.get(o._id)?.secretaryId ?? o.secretaryId, committeeMemberIds: orgUpdates.get(o._id)?.committeeMemberIds ?? o.committeeMemberIds, retired: o.retired ?? false })),
      ];
      const personsAfter = [...newPersons, ...existingPersons].map((p) => ({ id: p._id, tenantId, name: p.name, orgId: p.orgId, unitAndPost: p.unitAndPost, flags: p.flags, isMember: p.isMember, left: p.left ?? false }));
      // A liaison point stored before this import that breaks the rule is not this import's fault: it is
      // left as it is (the office removes it on the org's page, liaison.remove) rather than failing every import.
      const postsBefore = postsByPerson(existingOrgs.map((o) => ({ org: { id: o._id, retired: o.retired ?? false, secretaryId: o.secretaryId, committeeMemberIds: o.committeeMemberIds } })));
      const standing = (p: PersonDoc, orgId: string) => {
        const point = existing.get(orgId);
        return !point || liaisonRefusal({ id: p._id, name: p.name, orgId: p.orgId, left: p.left }, { id: point._id, name: point.name, secretaryId: point.secretaryId }, postsBefore.get(p._id) ?? []) === null;
      };
      const liaisons = [
        ...newPersons.flatMap((p) => p.liaisonOf.map((orgId) => ({ leaderId: p._id, orgId }))),
        ...existingPersons.flatMap((p) => p.liaisonOf.filter((orgId) => standing(p, orgId)).map((orgId) => ({ leaderId: p._id, orgId }))),
      ];
      const verdict = validateTree({ tenant: { id: tenant._id, name: tenant.name, topReviewer: tenant.topReviewer ?? null }, orgs: orgsAfter, persons: personsAfter, liaisons });
      if (!verdict.ok) {
        const newOrgRows = [...newOrgs.values()].map((o) => o.row);
        // A row already reported above is not blamed again for the consequences of that fault.
        const reported = new Set(issues.map((i) => `${i.path[0]}:${i.path[1]}`));
        for (const r of verdict.error.rows) {
          const table = r.table === 'persons' ? 'persons' : 'orgs';
          const importRow = r.table === 'orgs' ? newOrgRows[r.row] : r.table === 'persons' ? newPersons[r.row]?.row : undefined;
          if (importRow === undefined) issues.push({ path: r.path, message: r.message });
          else if (!reported.has(`${table}:${importRow}`)) issues.push(rowIssue(table, importRow, rowField(r.path.slice(2)), r.message.replace(/^[^：]*：/, '')));
        }
      }
      if (issues.length) {
        const order = (i: Issue) => (i.path[0] === 'orgs' ? 0 : i.path[0] === 'persons' ? 1 : -1);
        const sorted = [...issues].sort((a, b) => order(a) - order(b) || Number(a.path[1]) - Number(b.path[1]));
        throw new AppError('ORG.TREE_INVALID', `名册有${sorted.length}处错误，请按提示逐行修改后重新导入，本次未导入任何数据`, sorted);
      }

      // Materialised ancestor paths, parents first (the tree is valid, so this terminates).
      const pathOf = new Map<string, string[]>(existingOrgs.map((o) => [o._id, o.path]));
      const path = (id: string): string[] => {
        const known = pathOf.get(id);
        if (known) return known;
        const parentId = newOrgs.get(id)?.parentId ?? null;
        const p = parentId === null ? [] : [...path(parentId), parentId];
        pathOf.set(id, p);
        return p;
      };
      const writes: Write[] = [];
      for (const { row: _row, ...o } of newOrgs.values()) writes.push({ kind: 'create', collection: COL.orgs, id: o._id, doc: { ...o, path: path(o._id) } });
      for (const { row: _row, ...p } of newPersons) writes.push({ kind: 'create', collection: COL.persons, id: p._id, doc: p });
      for (const [orgId, patch] of orgUpdates) {
        writes.push({ kind: 'update', collection: COL.orgs, id: orgId, expectedVersion: (existing.get(orgId) as OrgDoc).version, patch });
      }
      const ids: Record<string, string> = Object.fromEntries(keyToId);
      return mutation({ orgs: newOrgs.size, persons: newPersons.length, orgIds: ids, personIds: newPersons.map((p) => p._id) }, writes);
    },
  }),
};
