/** roster.import through main(event): every bad row reported by number, nothing written; good batches add to the tree. */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { count, expectRefused, orgIn } from './actions.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

type Issue = { path: Array<string | number>; message: string };

/** The issues of one row, by table and row index. */
const ofRow = (issues: Issue[], table: 'orgs' | 'persons', row: number) => issues.filter((i) => i.path[0] === table && i.path[1] === row);

describe('roster.import', () => {
  it('when a batch has several bad rows, then every bad row is reported by number and nothing is written', async () => {
    // Arrange: a fresh tenant with no orgs; a batch mixing good rows and five kinds of bad ones.
    await h.ok('o-admin3', 'tenant.bootstrap', { tenantId: 't003', name: '认监委' });
    const batch = {
      orgs: [
        { key: 'top', name: '直属机关党委', kind: 'COMMITTEE', parent: null },
        { key: 'bad', name: '', kind: 'BRANCH', parent: 'top' }, // 1: bad schema (empty name)
        { key: 'lost', name: '无上级支部', kind: 'BRANCH', parent: 'nowhere' }, // 2: unknown parent
        { key: 'c1', name: '循环甲总支', kind: 'GENERAL_BRANCH', parent: 'c2' }, // 3: cycle
        { key: 'c2', name: '循环乙总支', kind: 'GENERAL_BRANCH', parent: 'c1' }, // 4: cycle
        { key: 'b1', name: '机关第一党支部', kind: 'BRANCH', parent: 'top' },
      ],
      persons: [
        { name: '张书记', org: 'b1', secretaryOf: ['b1'] },
        { name: '李书记', org: 'b1', secretaryOf: ['b1'] }, // 1: a second secretary for b1
        { name: '王流动', org: 'b1', mobileInflowOrg: 'nowhere' }, // 2: unknown inflow org
        { name: 42, org: 'b1' }, // 3: bad schema
        { name: '赵党员', org: 'b1' },
      ],
    };

    // Act
    const error = await expectRefused(h, 'ORG.TREE_INVALID', () => h.call('o-admin3', 'roster.import', batch));

    // Assert: each bad row named by its number, none of the good rows blamed.
    const issues = error.issues ?? [];
    const bad: Array<['orgs' | 'persons', number]> = [
      ['orgs', 1],
      ['orgs', 2],
      ['orgs', 3],
      ['orgs', 4],
      ['persons', 1],
      ['persons', 2],
      ['persons', 3],
    ];
    for (const [table, row] of bad) {
      const rowIssues = ofRow(issues, table, row);
      expect({ table, row, found: rowIssues.length > 0 }).toEqual({ table, row, found: true });
      for (const i of rowIssues) expect(i.message).toContain(`第${row + 1}行`);
    }
    for (const [table, row] of [['orgs', 0], ['orgs', 5], ['persons', 0], ['persons', 4]] as const) expect(ofRow(issues, table, row)).toEqual([]);
    expect(ofRow(issues, 'orgs', 2)[0].path).toEqual(['orgs', 2, 'parent']);
    expect(ofRow(issues, 'orgs', 3)[0].message).toContain('循环');
    expect(ofRow(issues, 'orgs', 3)[0].path).toEqual(['orgs', 3, 'parent']);
    expect(ofRow(issues, 'persons', 1)[0].message).toContain('已有书记');
    expect(ofRow(issues, 'persons', 2)[0].path).toEqual(['persons', 2, 'mobileInflowOrg']);
    expect(error.message).toContain('未导入任何数据');
    expect((await h.ok('o-admin3', 'org.tree')).orgs).toEqual([]);
  });

  it('when the rows are good but the tree is not (two top orgs), then the extra top org is named by row and nothing is written', async () => {
    // Arrange: t003 is still empty after the refused import above.
    const batch = {
      orgs: [
        { key: 'a', name: '直属机关党委', kind: 'COMMITTEE', parent: null },
        { key: 'b', name: '另一个党委', kind: 'COMMITTEE', parent: null },
      ],
      persons: [],
    };

    // Act
    const error = await expectRefused(h, 'ORG.TREE_INVALID', () => h.call('o-admin3', 'roster.import', batch));

    // Assert
    expect(error.issues).toEqual([{ path: ['orgs', 1, 'parent'], message: expect.stringContaining('党组织第2行') }]);
  });

  it('when a person row names an existing org that already has a secretary, then that row is refused', async () => {
    // Arrange: 实验小学党支部 has 吴敏 as secretary.
    const batch = { orgs: [], persons: [{ name: '新书记', org: d.org.xx1, secretaryOf: [d.org.xx1] }] };

    // Act
    const error = await expectRefused(h, 'ORG.TREE_INVALID', () => h.call(d.users.admin, 'roster.import', batch));

    // Assert
    expect(error.issues).toEqual([{ path: ['persons', 0, 'secretaryOf', 0], message: expect.stringContaining('人员第1行') }]);
  });

  it('when a non-member row is named secretary, committee member or liaison leader, then that person row is blamed and nothing is written', async () => {
    // Arrange: one good row, then a 群众代表 given posts in existing orgs.
    const batch = {
      orgs: [],
      persons: [
        { name: '新党员', org: d.org.wsy },
        { name: '群众代表', org: d.org.wsy, isMember: false, committeeOf: [d.org.wsy], liaisonOrgs: [d.org.xx1] },
      ],
    };

    // Act
    const error = await expectRefused(h, 'ORG.TREE_INVALID', () => h.call(d.users.admin, 'roster.import', batch));

    // Assert
    expect(error.issues?.length).toBeGreaterThan(0);
    for (const issue of error.issues ?? []) {
      expect(issue.path.slice(0, 2)).toEqual(['persons', 1]);
      expect(issue.message).toContain('人员第2行');
    }
  });

  it('when a secretary (not an admin) imports a roster, then AUTH.FORBIDDEN and nothing is written', async () => {
    // Arrange
    const batch = { orgs: [{ key: 'x', name: '新支部', kind: 'BRANCH', parent: d.org.gw }], persons: [] };

    // Act / Assert
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'roster.import', batch));
  });

  it('when a good batch names existing orgs, then it adds to the existing tree with paths, secretary and committee', async () => {
    // Arrange
    const orgsBefore = count(h, 'orgs');
    const batch = {
      orgs: [
        { key: 'xx2', name: '新北区第二实验小学党支部', kind: 'BRANCH', parent: d.org.gw },
        { key: 'grp', name: '第二实验小学语文党小组', kind: 'GROUP', parent: 'xx2' },
      ],
      persons: [
        { name: '邵书记', org: 'xx2', unitAndPost: '校长', secretaryOf: ['xx2'], committeeOf: [d.org.xx1] },
        { name: '冯老师', org: 'xx2', intern: true },
        { name: '韩老师', org: d.org.xx1, mobileInflowOrg: 'xx2' },
      ],
    };

    // Act
    const result = await h.ok(d.users.admin, 'roster.import', batch);

    // Assert: counts, and the stored tree read back through the API.
    expect(result).toMatchObject({ orgs: 2, persons: 3 });
    expect(count(h, 'orgs')).toBe(orgsBefore + 2);
    const tree = await h.ok(d.users.admin, 'org.tree');
    const xx2 = orgIn(tree, result.orgIds.xx2);
    const grp = orgIn(tree, result.orgIds.grp);
    expect(xx2).toMatchObject({ parentId: d.org.gw, path: [d.org.gw], secretaryId: result.personIds[0], kind: 'BRANCH' });
    expect(grp).toMatchObject({ parentId: xx2.id, path: [d.org.gw, xx2.id], kind: 'GROUP' });
    expect(orgIn(tree, d.org.xx1).committeeMemberIds).toEqual(expect.arrayContaining([d.person.s2, result.personIds[0]]));
    expect(orgIn(tree, d.org.xx1).secretaryId).toBe(d.person.s1);
    const got = await h.ok(d.users.admin, 'org.get', { orgId: xx2.id });
    expect(got.persons.map((p: Data) => p.name).sort()).toEqual(['冯老师', '邵书记'].sort());
    expect(got.persons.find((p: Data) => p.name === '冯老师').flags).toEqual({ intern: true });
    const xx1 = await h.ok(d.users.admin, 'org.get', { orgId: d.org.xx1 });
    expect(xx1.persons.find((p: Data) => p.name === '韩老师').flags).toEqual({ mobile: { inflowOrgId: xx2.id } });
  });

  it('when the imported secretary joins, then me shows the org they lead', async () => {
    // Arrange: the secretary imported above claims their entry through an invitation.
    const tree = await h.ok(d.users.admin, 'org.tree');
    const xx2 = tree.orgs.find((o: Data) => o.name === '新北区第二实验小学党支部');
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: xx2.id });
    const claim = await h.ok('o-shao', 'claim.submit', { invitationId: invitation.invitationId, personId: xx2.secretaryId });
    await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: true });

    // Act
    const me = await h.ok('o-shao', 'me');

    // Assert
    expect(me.roles.secretaryOf).toEqual([{ id: xx2.id, name: xx2.name, kind: 'BRANCH' }]);
    expect(me.roles.committeeOf.map((o: Data) => o.id)).toEqual([d.org.xx1]);
  });
});
