/** Properties of requirements, coverage and the report on generated tenants (fast-check). */
import fc from 'fast-check';
import type { TreeInput } from '../contracts/org';
import { addCounts, ownRow, progressReport, zeroCounts, type ReportRow } from './coverage';
import { campaign000 } from './fixtures/seed000';
import { cyclesAt, tenantArb as arbitraryTenant } from './fixtures/arbitraries';
import { generateTenant, prng } from './fixtures/generate';
import { requiredReviews } from './required';
import { indexTree, isActiveMember, validateTree, type OrgTree } from './tree';

const NOW = Date.parse('2010-11-15T10:00:00+08:00');
const cycles = cyclesAt(campaign000, NOW);
const tenantArb = arbitraryTenant(240, 0.2);
const treeOf = (input: TreeInput): OrgTree => {
  const r = indexTree(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error.rows.slice(0, 3)));
  return r.value;
};

/** Completes a random subset of requirements at random instants within the half-year. */
function completionsFor(keys: readonly string[], seed: number, share: number): Map<string, number> {
  const rnd = prng(seed);
  const start = Date.parse('2010-10-01T00:00:00+08:00');
  const out = new Map<string, number>();
  for (const k of keys) if (rnd() < share) out.set(k, start + Math.floor(rnd() * 90 * 24 * 3600 * 1000));
  return out;
}

const sumChildren = (tree: OrgTree, rows: Map<string, ReportRow>, id: string, pick: (r: ReportRow) => ReturnType<typeof zeroCounts>) => {
  const total = zeroCounts();
  for (const kid of tree.children.get(id) ?? []) addCounts(total, pick(rows.get(kid)!));
  return total;
};

describe('properties on generated tenants', () => {
  it('when any tenant is generated, then it validates and nobody is required to review themself', () => {
    fc.assert(
      fc.property(tenantArb, (opts) => {
        const input = generateTenant(opts);
        expect(validateTree(input).ok).toBe(true);
        const { items } = requiredReviews(treeOf(input), campaign000, cycles);
        expect(items.filter((i) => i.reviewerId !== null && i.reviewerId === i.targetId)).toEqual([]);
        expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
      }),
      { numRuns: 150 },
    );
  });

  it('when any tenant is generated, then every active member of every org is the target of a requirement (with or without a reviewer)', () => {
    fc.assert(
      fc.property(tenantArb, (opts) => {
        const tree = treeOf(generateTenant(opts));
        const { items } = requiredReviews(tree, campaign000, cycles);
        const targeted = new Set(items.filter((i) => i.targetKind !== 'ORG').map((i) => i.targetId));
        const missing = [...tree.persons.values()].filter((p) => isActiveMember(tree, p) && !targeted.has(p.id)).map((p) => p.id);
        expect(missing).toEqual([]);
        // and every org that is not a 党小组 is the target of a requirement
        const orgTargets = new Set(items.filter((i) => i.targetKind === 'ORG').map((i) => i.targetId));
        expect([...tree.orgs.values()].filter((o) => o.kind !== 'GROUP' && !orgTargets.has(o.id)).map((o) => o.id)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('when reports are taken, then coverage never exceeds 100%, each row = own + children, and gaps match the shortfall', () => {
    fc.assert(
      fc.property(tenantArb, fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (opts, cseed, share) => {
        const tree = treeOf(generateTenant(opts));
        const { items } = requiredReviews(tree, campaign000, cycles);
        const completions = completionsFor(items.map((i) => i.key), cseed, share);
        const r = progressReport({ tree, campaignId: 'c', items, completions, asOf: Date.parse('2010-12-31T00:00:00+08:00') });
        if (!r.ok) throw new Error(r.error.code);
        const rows = new Map(r.value.rows.map((x) => [x.orgId, x]));
        for (const row of r.value.rows) {
          for (const k of ['leaders', 'orgs', 'members'] as const) {
            expect(row.completed[k]).toBeLessThanOrEqual(row.required[k]);
            expect(row.newlyCompleted[k]).toBeLessThanOrEqual(row.completed[k]);
          }
          for (const pick of [(x: ReportRow) => x.required, (x: ReportRow) => x.completed, (x: ReportRow) => x.cumulative]) {
            const own = pick({ ...row, ...row.own } as ReportRow);
            expect(pick(row)).toEqual(addCounts({ ...own }, sumChildren(tree, rows, row.orgId, pick)));
          }
        }
        const top = r.value.rows[0];
        const { notReviewed, notReviewing } = r.value.gaps;
        expect(notReviewed.filter((g) => g.kind === 'MEMBER')).toHaveLength(top.required.members - top.completed.members);
        expect(notReviewed.filter((g) => g.kind === 'ORG')).toHaveLength(top.required.orgs - top.completed.orgs);
        expect(notReviewing).toHaveLength(top.required.leaders - top.completed.leaders);
      }),
      { numRuns: 120 },
    );
  });

  it('when a second report follows the first, then cumulative = previous cumulative + new, row by row, and own rows agree with ownRow', () => {
    fc.assert(
      fc.property(tenantArb, fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 89 }), (opts, cseed, share, day) => {
        const tree = treeOf(generateTenant(opts));
        const { items } = requiredReviews(tree, campaign000, cycles);
        const completions = completionsFor(items.map((i) => i.key), cseed, share);
        const asOf1 = Date.parse('2010-10-01T00:00:00+08:00') + day * 24 * 3600 * 1000;
        const asOf2 = Date.parse('2010-12-31T00:00:00+08:00');
        const r1 = progressReport({ tree, campaignId: 'c', items, completions, asOf: asOf1 });
        if (!r1.ok) throw new Error(r1.error.code);
        const r2 = progressReport({ tree, campaignId: 'c', items, completions, asOf: asOf2, previous: r1.value.snapshot });
        if (!r2.ok) throw new Error(r2.error.code);
        r2.value.rows.forEach((row, i) => {
          const prev = r1.value.rows[i];
          expect(row.orgId).toBe(prev.orgId);
          expect(row.cumulative).toEqual(addCounts({ ...prev.cumulative }, row.newlyCompleted));
          // Within one cycle, cumulative is what is completed.
          expect(row.cumulative).toEqual(row.completed);
        });
        for (const row of r2.value.rows) {
          const own = ownRow(row.orgId, items, completions, asOf2, asOf1);
          expect(own).toEqual({ required: row.own.required, completed: row.own.completed, newlyCompleted: row.own.newlyCompleted });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('when a cycle is injected into any generated tree, then validateTree rejects it and names the org row', () => {
    fc.assert(
      fc.property(tenantArb, fc.nat(), fc.nat(), (opts, a, b) => {
        const input = generateTenant(opts);
        // Pick an org and make one of its descendants-or-self its parent.
        const orgs = input.orgs;
        const x = a % orgs.length;
        const kids = new Map<string, number[]>();
        orgs.forEach((o, i) => o.parentId !== null && kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), i]));
        const below: number[] = [x];
        for (let i = 0; i < below.length; i++) below.push(...(kids.get(orgs[below[i]].id) ?? []));
        const y = below[b % below.length];
        orgs[x] = { ...orgs[x], parentId: orgs[y].id };
        const r = validateTree(input);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const named = r.error.rows.filter((i) => i.code === 'ORG.CYCLE');
        expect(named.map((i) => [i.row, i.id])).toContainEqual([x, orgs[x].id]);
        expect(named.every((i) => i.message.includes(`第${i.row + 1}行`) && i.message.includes(i.id!))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
