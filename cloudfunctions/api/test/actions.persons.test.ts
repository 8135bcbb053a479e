/** People through main(event): create, update, move (keeping history), retire; liaison points. */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused } from './actions.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

/** A person as org.get lists them, with the version from the store (no action returns a person's version alone). */
async function personIn(orgId: string, personId: string): Promise<Data> {
  const org = await h.ok(d.users.admin, 'org.get', { orgId });
  return org.persons.find((p: Data) => p.id === personId);
}
/** The stored person document: history is kept for the registration forms, not shown by any part-1 action. */
const stored = (personId: string): Data => JSON.parse(JSON.stringify(h.local.store.get('persons')?.docs.get(personId)));

describe('person.create and person.update', () => {
  it('when an admin adds a person to a branch, then the branch lists them, unbound, with their flags', async () => {
    // Act
    const created = await h.ok(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '周新', unitAndPost: '音乐教师', flags: { mobile: { inflowOrgId: d.org.wsy } } });

    // Assert
    expect(created.version).toBe(1);
    expect(await personIn(d.org.xx1, created.id)).toEqual({ id: created.id, version: 1, name: '周新', unitAndPost: '音乐教师', isMember: true, flags: { mobile: { inflowOrgId: d.org.wsy } }, inflowOrgName: '罗溪镇卫生院党支部', left: false, bound: false });
  });

  it('when the inflow org of a mobile member does not exist, then ORG.NOT_FOUND and nothing is written', async () => {
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '流动党员', flags: { mobile: { inflowOrgId: 'org_nope' } } }));
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'person.update', { personId: d.person.s4, version: stored(d.person.s4).version, flags: { mobile: { inflowOrgId: 'org_nope' } } }));
  });

  it('when a secretary, another tenant or an unknown org is used to add a person, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.branchSecretary, 'person.create', { orgId: d.org.xx1, name: '书记加的人' }));
    await expectRefused(h, 'AUTH.OTHER_TENANT', () => h.call(d.users.otherTenantAdmin, 'person.create', { orgId: d.org.xx1, name: '外单位加的人' }));
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'person.create', { orgId: 'org_nope', name: '无组织' }));
  });

  it('when an admin updates a person, then the fields change and flags are replaced as a whole', async () => {
    // Arrange: 郑小雨 is an intern.
    const v = stored(d.person.s5).version;

    // Act
    const result = await h.ok(d.users.admin, 'person.update', { personId: d.person.s5, version: v, unitAndPost: '语文教师', flags: { elderly: true } });

    // Assert
    expect(result.version).toBe(v + 1);
    expect(await personIn(d.org.xx1, d.person.s5)).toMatchObject({ name: '郑小雨', unitAndPost: '语文教师', flags: { elderly: true } });
  });

  it('when a person is updated from an old version or by another tenant, then it is refused and nothing is written', async () => {
    const v = stored(d.person.s5).version;
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.admin, 'person.update', { personId: d.person.s5, version: v - 1, name: '旧版本' }));
    await expectRefused(h, 'AUTH.OTHER_TENANT', () => h.call(d.users.otherTenantAdmin, 'person.update', { personId: d.person.s5, version: v, name: '外单位改名' }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.admin, 'person.update', { personId: 'p_nope', version: 1, name: '无此人' }));
  });
});

describe('person.move', () => {
  it('when a bound member moves to another branch, then the new branch lists them, history keeps the old one and their roles follow', async () => {
    // Arrange: 李娜 (bound) is registered in 实验小学党支部.
    const before = stored(d.person.s3);
    expect((await h.ok(d.users.member, 'org.get', { orgId: d.org.xx1 })).org.id).toBe(d.org.xx1);

    // Act
    const result = await h.ok(d.users.admin, 'person.move', { personId: d.person.s3, version: before.version, orgId: d.org.wsy });

    // Assert
    expect(result.version).toBe(before.version + 1);
    expect(await personIn(d.org.wsy, d.person.s3)).toMatchObject({ name: '李娜', bound: true });
    expect(await personIn(d.org.xx1, d.person.s3)).toBeUndefined();
    expect(stored(d.person.s3).history).toEqual([...before.history, { orgId: d.org.xx1, until: expect.any(Number) }]);
    const me = await h.ok(d.users.member, 'me');
    expect(me.org).toEqual({ id: d.org.wsy, name: '罗溪镇卫生院党支部', kind: 'BRANCH' });
    expectError(await h.call(d.users.member, 'org.get', { orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');
  });

  it('when the member moves back, then the history holds both earlier registrations in order', async () => {
    // Act
    await h.ok(d.users.admin, 'person.move', { personId: d.person.s3, version: stored(d.person.s3).version, orgId: d.org.xx1 });

    // Assert
    expect(stored(d.person.s3).history.map((e: Data) => e.orgId)).toEqual([d.org.xx1, d.org.wsy]);
    expect((await h.ok(d.users.member, 'me')).org.id).toBe(d.org.xx1);
  });

  it('when a move names an unknown org, another tenant’s org, or an old version, then it is refused and nothing is written', async () => {
    // Arrange
    const otherRoot = await h.ok(d.users.otherTenantAdmin, 'org.create', { name: '另一单位党委', kind: 'COMMITTEE', parentId: null });
    const v = stored(d.person.s4).version;

    // Act / Assert
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'person.move', { personId: d.person.s4, version: v, orgId: 'org_nope' }));
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'person.move', { personId: d.person.s4, version: v, orgId: otherRoot.id }));
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.admin, 'person.move', { personId: d.person.s4, version: v - 1, orgId: d.org.wsy }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.branchSecretary, 'person.move', { personId: d.person.s4, version: v, orgId: d.org.wsy }));
  });
});

describe('person.retire', () => {
  it('when an admin retires a person, then they are listed as left, with history, and can no longer be edited or moved', async () => {
    // Arrange
    const v = stored(d.person.z6).version;

    // Act
    await h.ok(d.users.admin, 'person.retire', { personId: d.person.z6, version: v });

    // Assert
    expect(await personIn(d.org.zb2, d.person.z6)).toMatchObject({ left: true });
    expect(stored(d.person.z6).history).toEqual([{ orgId: d.org.zb2, until: expect.any(Number) }]);
    await expectRefused(h, 'PERSON.LEFT', () => h.call(d.users.admin, 'person.retire', { personId: d.person.z6, version: v + 1 }));
    await expectRefused(h, 'PERSON.LEFT', () => h.call(d.users.admin, 'person.update', { personId: d.person.z6, version: v + 1, name: '林涛' }));
    await expectRefused(h, 'PERSON.LEFT', () => h.call(d.users.admin, 'person.move', { personId: d.person.z6, version: v + 1, orgId: d.org.zb1 }));
    const zb2 = (await h.ok(d.users.admin, 'org.tree')).orgs.find((o: Data) => o.id === d.org.zb2);
    await expectRefused(h, 'PERSON.LEFT', () => h.call(d.users.admin, 'org.assignSecretary', { orgId: d.org.zb2, version: zb2.version, personId: d.person.z6 }));
  });

  it('when a bound member is retired, then their WeChat no longer acts as a member of the branch', async () => {
    // Arrange: 罗德福 (bound) can read his branch.
    expect((await h.ok(d.users.otherBranchMember, 'org.get', { orgId: d.org.wsy })).org.id).toBe(d.org.wsy);

    // Act
    await h.ok(d.users.admin, 'person.retire', { personId: d.person.w3, version: stored(d.person.w3).version });

    // Assert
    expectError(await h.call(d.users.otherBranchMember, 'org.get', { orgId: d.org.wsy }), 'AUTH.FORBIDDEN');
    expectError(await h.call(d.users.otherBranchMember, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-11-21', items: [{ content: '离开后的承诺', progress: 0 }] }), 'AUTH.FORBIDDEN');
  });
});

describe('liaison.assign and liaison.remove', () => {
  it('when a leader is assigned a liaison org, then me shows it and they may read that org; removing takes it away', async () => {
    // Arrange: 陈立 (工委 committee) has no post at 实验小学党支部.
    expectError(await h.call(d.users.committeeMember, 'org.get', { orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');

    // Act
    await h.ok(d.users.admin, 'liaison.assign', { leaderId: d.person.g2, orgId: d.org.xx1 });
    const meAssigned = await h.ok(d.users.committeeMember, 'me');
    const readAssigned = await h.call(d.users.committeeMember, 'org.get', { orgId: d.org.xx1 });
    await h.ok(d.users.admin, 'liaison.remove', { leaderId: d.person.g2, orgId: d.org.xx1 });

    // Assert
    expect(meAssigned.roles.liaisonOf.map((o: Data) => o.id).sort()).toEqual([d.org.wsy, d.org.zx, d.org.xx1].sort());
    expect(readAssigned.ok).toBe(true);
    expect((await h.ok(d.users.committeeMember, 'me')).roles.liaisonOf.map((o: Data) => o.id).sort()).toEqual([d.org.wsy, d.org.zx].sort());
    expectError(await h.call(d.users.committeeMember, 'org.get', { orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');
  });

  it('when the org’s own secretary, a non-member or an unknown person is named liaison leader, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'REVIEW.SELF', () => h.call(d.users.admin, 'liaison.assign', { leaderId: d.person.s1, orgId: d.org.xx1 }));
    await expectRefused(h, 'PERSON.NOT_MEMBER', () => h.call(d.users.admin, 'liaison.assign', { leaderId: d.person.m1, orgId: d.org.xx1 }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.admin, 'liaison.assign', { leaderId: 'p_nope', orgId: d.org.xx1 }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'liaison.assign', { leaderId: d.person.g2, orgId: d.org.xx1 }));
  });
});

describe('person.update keeps post-holders party members', () => {
  it('when the admin makes a committee member a non-member, then it is refused and nothing is written', async () => {
    // Arrange: 孙丽 (s2) sits on 实验小学党支部's committee.
    const version = stored(d.person.s2).version;
    // Act / Assert
    await expectRefused(h, 'PERSON.NOT_MEMBER', () => h.call(d.users.admin, 'person.update', { personId: d.person.s2, version, isMember: false }));
    expect(stored(d.person.s2).isMember).toBe(true);
  });

  it('when the admin makes a member without posts a non-member, then it is accepted', async () => {
    const version = stored(d.person.s4).version;
    await h.ok(d.users.admin, 'person.update', { personId: d.person.s4, version, isMember: false });
    expect(stored(d.person.s4).isMember).toBe(false);
  });
});
