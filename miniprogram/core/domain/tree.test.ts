import type { TreeInput } from '../contracts/org';
import { seed000Input } from './fixtures/seed000';
import { seed003Input } from './fixtures/seed003';
import { indexTree, kindsAt, kindsUnder, leaderHomeOrgs, moveTargets, validateTree, type PlacedOrg, type TreeIssue } from './tree';

/** Validates and returns the issues as [code, table, row, id] for compact assertions. */
function issuesOf(input: TreeInput | Parameters<typeof validateTree>[0]): Array<[string, string, number, string | null]> {
  const r = validateTree(input);
  if (r.ok) return [];
  return r.error.rows.map((i: TreeIssue) => [i.code, i.table, i.row, i.id]);
}

describe('validateTree on the seeds', () => {
  it('when seed 000 is imported, then it is valid and indexed with 工委 at the root', () => {
    const r = validateTree(seed000Input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rootId).toBe('gw');
    expect(r.value.preorder).toEqual(['gw', 'jg', 'xx1', 'zx', 'zb1', 'zb2', 'wsy']);
    expect(r.value.depth.get('zb2')).toBe(2);
    expect(r.value.registered.get('wsy')).toEqual(['w1', 'w2', 'w3', 'w4', 'm1']);
  });

  it('when seed 003 is imported, then it is valid and the 党小组 sits at depth 4', () => {
    const r = validateTree(seed003Input());
    expect(r.ok && r.value.depth.get('kg')).toBe(4);
    expect(r.ok && r.value.children.get('jgdw')).toEqual(['jb1', 'jb2', 'kyy']);
  });

  it('when leaders are placed in rows, then a secretary counts in the shallowest org they head', () => {
    const r = indexTree(seed003Input());
    if (!r.ok) throw new Error('fixture');
    const home = leaderHomeOrgs(r.value);
    expect(home.get('a1')).toBe('zj');
    expect(home.get('d2')).toBe('jb2');
    expect(home.has('a2')).toBe(false); // liaison-only: the registered org is used
  });
});

describe('validateTree names the offending row', () => {
  it('when a parent chain loops, then every org on the loop is named with its row and id', () => {
    const input = seed000Input();
    input.orgs[3].parentId = 'zb1'; // zx → zb1 → zx
    const r = validateTree(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const cycle = r.error.rows.filter((i) => i.code === 'ORG.CYCLE');
    expect(cycle.map((i) => [i.row, i.id])).toEqual([
      [3, 'zx'],
      [4, 'zb1'],
    ]);
    expect(cycle[0].message).toContain('党组织第4行（编号 zx）');
    expect(cycle[0].path).toEqual(['orgs', 3, 'parentId']);
    expect(r.error.code).toBe('ORG.TREE_INVALID');
    expect(r.error.issues?.length).toBe(r.error.rows.length);
  });

  it('when an org names a missing parent, a duplicate id or a second root, then each row is named', () => {
    const input = seed000Input();
    input.orgs[1].parentId = 'nowhere';
    input.orgs.push({ ...input.orgs[2] });
    input.orgs.push({ ...input.orgs[0], id: 'gw2', name: '另一个工委' });
    expect(issuesOf(input)).toEqual([
      ['ORG.PARENT_MISSING', 'orgs', 1, 'jg'],
      ['ORG.DUPLICATE_ID', 'orgs', 7, 'xx1'],
      ['ORG.MULTIPLE_ROOTS', 'orgs', 8, 'gw2'],
    ]);
  });

  it('when a person is registered in two orgs, then the second row is named with PERSON.MULTIPLE_ORGS', () => {
    const input = seed000Input();
    input.persons.push({ ...input.persons[6], orgId: 'wsy' });
    expect(issuesOf(input)).toEqual([['PERSON.MULTIPLE_ORGS', 'persons', 22, 's1']]);
  });

  it('when references do not resolve or point at non-members, then each is named', () => {
    const input = seed000Input();
    input.orgs[2].secretaryId = 'ghost';
    input.orgs[6].committeeMemberIds = ['w2', 'm1'];
    input.persons[3].orgId = 'closed';
    input.persons[20].flags = { mobile: { inflowOrgId: 'elsewhere' } };
    input.liaisons.push({ leaderId: 'nobody', orgId: 'wsy' });
    expect(issuesOf(input)).toEqual([
      ['PERSON.SECRETARY_NOT_IN_TREE', 'orgs', 2, 'xx1'],
      ['PERSON.NOT_MEMBER', 'orgs', 6, 'wsy'],
      ['PERSON.NO_ORG', 'persons', 3, 'g4'],
      ['ORG.NOT_FOUND', 'persons', 20, 'w4'],
      ['PERSON.NOT_FOUND', 'liaisons', 5, 'nobody→wsy'],
    ]);
  });

  it('when a 党小组 hangs under a 工委 or a 党支部 has a sub-branch, then the parent kind is refused', () => {
    const input = seed000Input();
    input.orgs.push({ id: 'grp', tenantId: 't000', name: '党小组', kind: 'GROUP', parentId: 'gw', secretaryId: null, committeeMemberIds: [] });
    input.orgs.push({ id: 'sub', tenantId: 't000', name: '子支部', kind: 'BRANCH', parentId: 'jg', secretaryId: null, committeeMemberIds: [] });
    expect(issuesOf(input)).toEqual([
      ['ORG.INVALID_PARENT_KIND', 'orgs', 7, 'grp'],
      ['ORG.INVALID_PARENT_KIND', 'orgs', 8, 'sub'],
    ]);
  });

  it('when an org is retired but still has active children or members, then they are named', () => {
    const input = seed000Input();
    input.orgs[3].retired = true; // 党总支 with two branches
    input.orgs[5].retired = true; // zb2 with z5, z6
    expect(issuesOf(input)).toEqual([
      ['ORG.RETIRED', 'orgs', 4, 'zb1'],
      ['ORG.RETIRED', 'persons', 15, 'z5'],
      ['ORG.RETIRED', 'persons', 16, 'z6'],
    ]);
  });

  it('when a row of another tenant or a malformed row is imported, then it is named and the rest still checked', () => {
    const input: Parameters<typeof validateTree>[0] = {
      ...seed000Input(),
      persons: [...seed000Input().persons.slice(0, 21), { id: 'bad', name: '', orgId: 'jg' }, { ...seed000Input().persons[21], tenantId: 'other' }],
    };
    const issues = issuesOf(input);
    expect(issues.filter((i) => i[0] === 'INPUT.INVALID').every((i) => i[1] === 'persons' && i[2] === 21 && i[3] === 'bad')).toBe(true);
    expect(issues.filter((i) => i[0] === 'INPUT.INVALID').length).toBeGreaterThanOrEqual(2);
    expect(issues.filter((i) => i[0] !== 'INPUT.INVALID')).toEqual([['PERSON.WRONG_TENANT', 'persons', 22, 'm1']]);
  });

  it('when there are no orgs at all, then the tenant is told there is no root', () => {
    expect(issuesOf({ ...seed000Input(), orgs: [], persons: [], liaisons: [] })).toEqual([['ORG.NO_ROOT', 'tenant', 0, 't000']]);
  });

  it('when an assisted outside org reuses an id of the tree, then the clash is named', () => {
    const input = seed003Input();
    input.assistances[1].targetOrgId = 'kb1';
    expect(issuesOf(input)).toEqual([['ORG.EXTERNAL_ID_CLASH', 'assistances', 1, 'as2']]);
  });
});

describe('kindsUnder and moveTargets', () => {
  const org = (id: string, kind: PlacedOrg['kind'], parentId: string | null, path: string[], retired = false): PlacedOrg => ({ id, kind, parentId, path, retired });
  // 工委 → 党总支 → 党支部 → 党小组; 工委 → 党支部 (another); an old 党委, retired.
  const orgs = [
    org('gw', 'WORK_COMMITTEE', null, []),
    org('zx', 'GENERAL_BRANCH', 'gw', ['gw']),
    org('zb1', 'BRANCH', 'zx', ['gw', 'zx']),
    org('g1', 'GROUP', 'zb1', ['gw', 'zx', 'zb1']),
    org('xx1', 'BRANCH', 'gw', ['gw']),
    org('old', 'COMMITTEE', 'gw', ['gw'], true),
  ];

  it('when an org is made under a 党支部, then only a 党小组 is offered; under nothing, anything but a 党小组', () => {
    expect(kindsUnder('BRANCH')).toEqual(['GROUP']);
    expect(kindsUnder('GROUP')).toEqual([]);
    expect(kindsUnder(null)).not.toContain('GROUP');
    expect(kindsUnder('WORK_COMMITTEE')).toContain('BRANCH');
  });

  it('when an org is edited, then only kinds allowed under its parent and over each of its children are offered', () => {
    // A 党总支 under the 工委 with 党支部 below: not a 党支部 (it holds no 党支部) nor a 党小组.
    expect(kindsAt('WORK_COMMITTEE', ['BRANCH'])).toEqual(['COMMITTEE', 'GENERAL_BRANCH', 'LEADING_GROUP', 'WORK_COMMITTEE', 'ORGAN_COMMITTEE']);
    // A 党支部 with a 党小组 below stays a 党支部; a 党小组 stays a 党小组.
    expect(kindsAt('GENERAL_BRANCH', ['GROUP'])).toEqual(['BRANCH']);
    expect(kindsAt('BRANCH', [])).toEqual(['GROUP']);
    expect(kindsAt(null, [])).toEqual(kindsUnder(null));
  });

  it('when a 党支部 moves, then it may go under live upper orgs other than its own parent, never under a 党支部 or a retired org', () => {
    expect(moveTargets(orgs, orgs[2]).map((o) => o.id)).toEqual(['gw']);
    expect(moveTargets(orgs, orgs[4]).map((o) => o.id)).toEqual(['zx']);
  });

  it('when a 党总支 moves, then nothing below it is offered; a 党小组 may move only to another 党支部', () => {
    expect(moveTargets(orgs, orgs[1]).map((o) => o.id)).toEqual([]);
    expect(moveTargets(orgs, orgs[3]).map((o) => o.id)).toEqual(['xx1']);
  });
});
