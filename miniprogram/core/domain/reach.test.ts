/** Reach on the seed hierarchies: who may review whom from one org, under which rule (DOMAIN §2). */
import { seed000Tree } from './fixtures/seed000';
import { seed003Tree } from './fixtures/seed003';
import { reachFrom, reachOf, reviewPostsOf, ruleView, slicesOf, type ReviewerRef } from './reach';

const person = (personId: string): ReviewerRef => ({ kind: 'PERSON', personId });
const ids = (xs: ReadonlyArray<{ rule: string; targetKind: string; targetId: string; additional?: unknown }>) => xs.map((d) => `${d.rule}${d.additional ? '+' : ''}:${d.targetKind}:${d.targetId}`);

describe('reach on seed 003 (质检总局)', () => {
  const slices = slicesOf(seed003Tree());

  it('when the branch secretary looks from the branch, then the members of its 党小组 are in reach under R1', () => {
    const kb2 = slices.get('kb2')!;
    expect(ids(reachFrom(kb2, person('k1')))).toEqual(expect.arrayContaining(['R1:MEMBER:k2', 'R1:MEMBER:k3', 'R1:MEMBER:k4', 'R1:MEMBER:k5']));
    expect(reachOf(kb2, person('k1'), { kind: 'MEMBER', id: 'k4' })).toMatchObject({ rule: 'R1', targetOrgId: 'kg', orgId: 'kg' });
  });

  it('when the 党小组 is the org looked from, then nobody reviews from it', () => {
    expect(reachFrom(slices.get('kg')!, person('k4'))).toEqual([]);
  });

  it('when the top secretary looks from the top, then the assisted outside orgs are in reach under R7 and the outside reviewer reaches the top org and him', () => {
    expect(ids(reachFrom(slices.get('zj')!, person('a1')).filter((d) => d.rule === 'R7'))).toEqual(['R7:ORG:ext-bjciq', 'R7:ORG:ext-jsqts']);
    // No outside reviewer is named in seed 003: nobody reaches the top org.
    expect(reachFrom(slices.get('zj')!, { kind: 'TOP' })).toEqual([]);
  });
});

describe('reach on seed 000 (区社会事业局工委)', () => {
  const slices = slicesOf(seed000Tree());

  it('when the outside reviewer is named, then from the top org they reach it (R2) and its secretary (R3), and nothing else', () => {
    expect(ids(reachFrom(slices.get('gw')!, { kind: 'TOP' }))).toEqual(['R2:ORG:gw', 'R3:ORG_LEADER:g1']);
  });

  it('when the outflow secretary looks from the registered branch, then the mobile member is reachable as a home visit only, on site or face to face', () => {
    const visit = reachOf(slices.get('wsy')!, person('w1'), { kind: 'MEMBER', id: 'w4' });
    expect(visit).toMatchObject({ rule: 'R6', orgId: 'xx1', additional: { modes: ['ON_SITE', 'INDIVIDUAL'] } });
    const required = reachOf(slices.get('xx1')!, person('s1'), { kind: 'MEMBER', id: 'w4' });
    expect(required).toMatchObject({ rule: 'R6' });
    expect(required?.additional).toBeUndefined();
  });

  it('when someone holds no post at an org, then nothing is in reach from it, and nobody reaches themself', () => {
    expect(reachFrom(slices.get('xx1')!, person('s3'))).toEqual([]);
    expect(reachOf(slices.get('xx1')!, person('s1'), { kind: 'MEMBER', id: 's1' })).toBeNull();
  });

  it('when a liaison leader looks from the liaison point, then the org and its secretary are in reach under R5', () => {
    expect(ids(reachFrom(slices.get('wsy')!, person('g2')))).toEqual(['R5:ORG:wsy', 'R5:ORG_LEADER:w1']);
  });

  it('when a rule is shown, then it carries its Chinese explanation', () => {
    expect(ruleView('R1')).toEqual({ rule: 'R1', ruleLabel: '作为支部书记点评党员' });
    expect(ruleView('R6', true).ruleLabel).toContain('回乡走访');
  });
});

describe('reviewPostsOf', () => {
  it('when a caller is a secretary and a liaison leader, then each org is listed once with the post it is started from', () => {
    expect(reviewPostsOf({ secretaryOf: ['g', 'w1'], liaisonOf: ['w1', 'w2'] })).toEqual([
      { orgId: 'g', as: 'SECRETARY' },
      { orgId: 'w1', as: 'SECRETARY' },
      { orgId: 'w2', as: 'LIAISON' },
    ]);
  });

  it('when a caller holds no post, then there is nothing to start', () => {
    expect(reviewPostsOf({ secretaryOf: [], liaisonOf: [] })).toEqual([]);
  });
});
