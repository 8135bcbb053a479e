/**
 * Reach against the plan on generated tenants (党小组, mobile members, liaison points, assistance
 * points, vacancies, concurrent posts): every requirement the plan produces can be started from its
 * org by its reviewer, under its rule, and is counted when submitted; nothing else is in reach.
 */
import fc from 'fast-check';
import { campaign000 } from './fixtures/seed000';
import { cyclesAt, generatedTree, tenantArb as arbitraryTenant } from './fixtures/arbitraries';
import { holderOf, reachFrom, reachOf, slicesOf, type ReviewerRef } from './reach';
import { matchReview, requiredReviews, requirementIndex } from './required';

const NOW = Date.parse('2010-11-15T10:00:00+08:00');
const cycles = cyclesAt(campaign000, NOW);
const tenantArb = arbitraryTenant(200, 0.3);
const treeOf = generatedTree;

const refOf = (reviewerId: string | null): ReviewerRef => (reviewerId === null ? { kind: 'TOP' } : { kind: 'PERSON', personId: reviewerId });
const who = (ref: ReviewerRef) => (ref.kind === 'TOP' ? 'EXT' : ref.personId);

describe('reach on generated tenants', () => {
  it('when a tenant is planned, then every requirement with a reviewer is in reach from its org under its rule and is counted once submitted', () => {
    // Arrange: the cases the rules care about must actually occur across the runs.
    const seen = { group: 0, R5: 0, R6: 0, R7: 0, top: 0 };
    fc.assert(
      fc.property(tenantArb, (opts) => {
        const tree = treeOf(opts);
        const set = requiredReviews(tree, campaign000, cycles);
        const slices = slicesOf(tree);
        const index = requirementIndex(set.items);
        for (const r of set.items) {
          if (r.reviewerId === null && !r.externalReviewer) continue; // a gap: nobody can do it, and it says why
          // Act
          const duty = reachOf(slices.get(r.fromOrgId)!, refOf(r.reviewerId), { kind: r.targetKind, id: r.targetId });
          const counted = matchReview(index, campaign000, { reviewedAt: NOW, reviewerId: r.reviewerId, targetKind: r.targetKind, targetId: r.targetId });
          // Assert
          expect({ key: r.key, rule: duty?.rule, additional: duty?.additional }).toEqual({ key: r.key, rule: r.rule, additional: undefined });
          expect(counted?.key).toBe(r.key);
          if (r.rule === 'R1' && tree.orgs.get(r.orgId)?.kind === 'GROUP') seen.group++;
          if (r.rule === 'R5' || r.rule === 'R6' || r.rule === 'R7') seen[r.rule]++;
          if (r.externalReviewer) seen.top++;
        }
      }),
      { numRuns: 120 },
    );
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });

  it('when anyone looks from any org, then what is in reach (besides home visits) is exactly what the plan asks of them', () => {
    fc.assert(
      fc.property(tenantArb, (opts) => {
        const tree = treeOf(opts);
        const set = requiredReviews(tree, campaign000, cycles);
        // What the plan asks of each reviewer (waived duplicates are the same review under an earlier rule).
        const asked = new Set([
          ...set.items.filter((i) => i.reviewerId !== null || i.externalReviewer).map((i) => `${i.reviewerId ?? 'EXT'}|${i.targetKind}|${i.targetId}`),
        ]);
        const reached = new Set<string>();
        for (const slice of slicesOf(tree).values()) {
          // Everyone who could be a reviewer: all persons and the outside reviewer.
          const holders = new Set(['EXT', ...[...tree.persons.keys()]]);
          for (const id of holders) {
            const ref: ReviewerRef = id === 'EXT' ? { kind: 'TOP' } : { kind: 'PERSON', personId: id };
            for (const d of reachFrom(slice, ref)) {
              if (d.additional) {
                // A home visit: the outflow secretary, a mobile member registered below this org, flowing elsewhere.
                const p = tree.persons.get(d.targetId)!;
                expect(p.flags?.mobile?.inflowOrgId).not.toBe(p.orgId);
                expect(holderOf(slice, d.holder)).toEqual(ref);
                continue;
              }
              reached.add(`${who(ref)}|${d.targetKind}|${d.targetId}`);
            }
          }
        }
        expect([...reached].filter((k) => !asked.has(k))).toEqual([]);
        expect([...asked].filter((k) => !reached.has(k))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('when a reviewer would review themself, then it is never in reach', () => {
    fc.assert(
      fc.property(tenantArb, (opts) => {
        const tree = treeOf(opts);
        for (const slice of slicesOf(tree).values()) {
          for (const id of slice.persons.keys()) {
            expect(reachFrom(slice, { kind: 'PERSON', personId: id }).filter((d) => d.targetKind !== 'ORG' && d.targetId === id)).toEqual([]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
