/** The org tree through main(event): read, create, update, move, retire, secretaries, committees, group binding. */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused, orgIn } from './actions.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

const tree = () => h.ok(d.users.admin, 'org.tree');
const version = async (orgId: string): Promise<number> => orgIn(await tree(), orgId).version;
const group = (opengid: string) => ({ cloudID: `cloud-${opengid}`, data: { opengid } });

describe('org.tree and org.get', () => {
  it('when a bound member reads the tree, then they see every org of their tenant with paths', async () => {
    // Act
    const result = await h.ok(d.users.member, 'org.tree');

    // Assert
    expect(result.orgs).toHaveLength(7);
    expect(orgIn(result, d.org.zb1)).toMatchObject({ name: '初级中学教工第一党支部', parentId: d.org.zx, path: [d.org.gw, d.org.zx], secretaryId: d.person.z2 });
  });

  it('when another tenant reads its tree, then it sees none of this tenant', async () => {
    // Act
    const result = await h.ok(d.users.otherTenantAdmin, 'org.tree');

    // Assert
    expect(result.orgs).toEqual([]);
  });

  it('when a stranger reads the tree, then AUTH.UNBOUND', async () => {
    expectError(await h.call(d.users.stranger, 'org.tree'), 'AUTH.UNBOUND');
  });

  it('when a member opens their branch, then they see its people, who is bound, and no retired children', async () => {
    // Act
    const result = await h.ok(d.users.member, 'org.get', { orgId: d.org.xx1 });

    // Assert
    expect(result.org.name).toBe('新北区实验小学党支部');
    expect(result.persons.map((p: Data) => p.name).sort()).toEqual(['吴敏', '孙丽', '李娜', '郑小雨', '钱军'].sort());
    expect(result.persons.find((p: Data) => p.name === '李娜').bound).toBe(true);
    expect(result.persons.find((p: Data) => p.name === '钱军').bound).toBe(false);
    expect(result.persons.find((p: Data) => p.name === '郑小雨').flags).toEqual({ intern: true });
  });

  it('when the office opens the health centre, then it sees each person’s version, the mobile member’s inflow org and the liaison leader', async () => {
    // Act
    const result = await h.ok(d.users.admin, 'org.get', { orgId: d.org.wsy });

    // Assert: 陈立 (工委) has the centre as a liaison point; he is listed there, not among its people.
    expect(result.liaisons.map((p: Data) => p.name)).toEqual(['陈立']);
    expect(result.persons.map((p: Data) => p.name)).not.toContain('陈立');
    expect(result.persons.every((p: Data) => Number.isInteger(p.version))).toBe(true);
    const mobile = result.persons.find((p: Data) => p.flags?.mobile);
    expect(mobile.inflowOrgName).toMatch(/党支部$/);
  });

  it('when a member of another branch, another tenant or an unknown org is asked for, then the right AUTH/ORG error', async () => {
    expectError(await h.call(d.users.otherBranchMember, 'org.get', { orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');
    expectError(await h.call(d.users.otherTenantAdmin, 'org.get', { orgId: d.org.xx1 }), 'AUTH.OTHER_TENANT');
    expectError(await h.call(d.users.member, 'org.get', { orgId: 'org_nope' }), 'ORG.NOT_FOUND');
  });
});

describe('org.create and org.update', () => {
  it('when an admin creates an org under the 工委, then it is stored with its path and shown under its parent', async () => {
    // Act
    const created = await h.ok(d.users.admin, 'org.create', { name: '区教育党委', kind: 'COMMITTEE', parentId: d.org.gw });

    // Assert
    expect(orgIn(await tree(), created.id)).toMatchObject({ name: '区教育党委', kind: 'COMMITTEE', parentId: d.org.gw, path: [d.org.gw], secretaryId: null, version: 1 });
    const parent = await h.ok(d.users.admin, 'org.get', { orgId: d.org.gw });
    expect(parent.children.map((c: Data) => c.id)).toContain(created.id);
  });

  it('when a second top org, a branch under a branch, an unknown parent or a non-admin creates, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'ORG.ROOT_EXISTS', () => h.call(d.users.admin, 'org.create', { name: '另一个工委', kind: 'WORK_COMMITTEE', parentId: null }));
    await expectRefused(h, 'ORG.INVALID_PARENT_KIND', () => h.call(d.users.admin, 'org.create', { name: '支部下的支部', kind: 'BRANCH', parentId: d.org.xx1 }));
    await expectRefused(h, 'ORG.INVALID_PARENT_KIND', () => h.call(d.users.admin, 'org.create', { name: '工委下的党小组', kind: 'GROUP', parentId: d.org.gw }));
    await expectRefused(h, 'ORG.NOT_FOUND', () => h.call(d.users.admin, 'org.create', { name: '无上级', kind: 'BRANCH', parentId: 'org_nope' }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'org.create', { name: '书记建的支部', kind: 'BRANCH', parentId: d.org.gw }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.admin, 'org.create', { name: '  ', kind: 'BRANCH', parentId: d.org.gw }));
  });

  it('when an admin renames an org, then the new name is stored and the version goes up', async () => {
    // Arrange
    const v = await version(d.org.wsy);

    // Act
    const result = await h.ok(d.users.admin, 'org.update', { orgId: d.org.wsy, version: v, name: '罗溪镇卫生院党支部（新）' });

    // Assert
    expect(result.version).toBe(v + 1);
    expect(orgIn(await tree(), d.org.wsy)).toMatchObject({ name: '罗溪镇卫生院党支部（新）', version: v + 1 });
  });

  it('when an edit is based on an old version, then CONFLICT and nothing is written', async () => {
    // Arrange: the rename above moved wsy past version 1.
    const v = await version(d.org.wsy);

    // Act / Assert
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.admin, 'org.update', { orgId: d.org.wsy, version: v - 1, name: '旧版本的名称' }));
  });

  it('when a 党总支 with branches is turned into a 党支部, then ORG.INVALID_PARENT_KIND and nothing is written', async () => {
    await expectRefused(h, 'ORG.INVALID_PARENT_KIND', async () => h.call(d.users.admin, 'org.update', { orgId: d.org.zx, version: await version(d.org.zx), kind: 'BRANCH' }));
  });
});

describe('org.move', () => {
  it('when a 党总支 with branches moves under a new 党委, then descendants’ paths follow and so does its upper secretary’s reach', async () => {
    // Arrange: a new 党委 under the 工委 led by the member 李娜, who cannot yet see the 总支's branches.
    const committee = await h.ok(d.users.admin, 'org.create', { name: '区中学党委', kind: 'COMMITTEE', parentId: d.org.gw });
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: committee.id, version: 1, personId: d.person.s3 });
    expectError(await h.call(d.users.member, 'org.get', { orgId: d.org.zb2 }), 'AUTH.FORBIDDEN');

    // Act
    const moved = await h.ok(d.users.admin, 'org.move', { orgId: d.org.zx, version: await version(d.org.zx), parentId: committee.id });

    // Assert
    expect(moved.movedDescendants).toBe(2);
    const after = await tree();
    expect(orgIn(after, d.org.zx)).toMatchObject({ parentId: committee.id, path: [d.org.gw, committee.id] });
    expect(orgIn(after, d.org.zb1).path).toEqual([d.org.gw, committee.id, d.org.zx]);
    expect(orgIn(after, d.org.zb2).path).toEqual([d.org.gw, committee.id, d.org.zx]);
    expect(orgIn(after, d.org.xx1).path).toEqual([d.org.gw]);
    expect((await h.ok(d.users.member, 'org.get', { orgId: d.org.zb2 })).org.id).toBe(d.org.zb2);
    expect((await h.ok(d.users.generalBranchSecretary, 'org.get', { orgId: d.org.zb2 })).org.id).toBe(d.org.zb2);
  });

  it('when the 党总支 moves back, then the 党委 secretary loses the reach the move gave', async () => {
    // Act
    await h.ok(d.users.admin, 'org.move', { orgId: d.org.zx, version: await version(d.org.zx), parentId: d.org.gw });

    // Assert
    expect(orgIn(await tree(), d.org.zb2).path).toEqual([d.org.gw, d.org.zx]);
    expectError(await h.call(d.users.member, 'org.get', { orgId: d.org.zb2 }), 'AUTH.FORBIDDEN');
  });

  it('when a branch moves out of the 党总支, then the 总支 secretary can no longer open it', async () => {
    // Arrange: 黄海 (secretary of the 总支, registered in zb1) reaches zb2 only through the 总支.
    expect((await h.ok(d.users.generalBranchSecretary, 'org.get', { orgId: d.org.zb2 })).org.id).toBe(d.org.zb2);

    // Act
    await h.ok(d.users.admin, 'org.move', { orgId: d.org.zb2, version: await version(d.org.zb2), parentId: d.org.gw });

    // Assert
    expect(orgIn(await tree(), d.org.zb2)).toMatchObject({ parentId: d.org.gw, path: [d.org.gw] });
    expectError(await h.call(d.users.generalBranchSecretary, 'org.get', { orgId: d.org.zb2 }), 'AUTH.FORBIDDEN');
    await h.ok(d.users.admin, 'org.move', { orgId: d.org.zb2, version: await version(d.org.zb2), parentId: d.org.zx });
  });

  it('when an org is moved under itself or its own descendant, then ORG.CYCLE and nothing is written', async () => {
    await expectRefused(h, 'ORG.CYCLE', async () => h.call(d.users.admin, 'org.move', { orgId: d.org.gw, version: await version(d.org.gw), parentId: d.org.zx }));
    await expectRefused(h, 'ORG.CYCLE', async () => h.call(d.users.admin, 'org.move', { orgId: d.org.zx, version: await version(d.org.zx), parentId: d.org.zb1 }));
    await expectRefused(h, 'ORG.CYCLE', async () => h.call(d.users.admin, 'org.move', { orgId: d.org.zx, version: await version(d.org.zx), parentId: d.org.zx }));
  });

  it('when a branch is moved under a branch, by a non-admin, or from an old version, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'ORG.INVALID_PARENT_KIND', async () => h.call(d.users.admin, 'org.move', { orgId: d.org.zb1, version: await version(d.org.zb1), parentId: d.org.xx1 }));
    await expectRefused(h, 'AUTH.FORBIDDEN', async () => h.call(d.users.committeeSecretary, 'org.move', { orgId: d.org.zb1, version: await version(d.org.zb1), parentId: d.org.gw }));
    await expectRefused(h, 'CONFLICT', async () => h.call(d.users.admin, 'org.move', { orgId: d.org.zx, version: (await version(d.org.zx)) - 1, parentId: d.org.gw }));
  });
});

describe('org.retire', () => {
  it('when an org still has children or people, then it cannot be retired and nothing is written', async () => {
    await expectRefused(h, 'ORG.HAS_CHILDREN', async () => h.call(d.users.admin, 'org.retire', { orgId: d.org.zx, version: await version(d.org.zx) }));
    await expectRefused(h, 'ORG.HAS_PERSONS', async () => h.call(d.users.admin, 'org.retire', { orgId: d.org.zb2, version: await version(d.org.zb2) }));
  });

  it('when an empty org with a secretary is retired, then it is marked retired, hidden from its parent and its secretary loses the post', async () => {
    // Arrange: an empty 党总支 led by 李娜 (bound), so that me shows the post.
    const org = await h.ok(d.users.admin, 'org.create', { name: '待撤销党总支', kind: 'GENERAL_BRANCH', parentId: d.org.gw });
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: org.id, version: 1, personId: d.person.s3 });
    expect((await h.ok(d.users.member, 'me')).roles.secretaryOf.map((o: Data) => o.id)).toContain(org.id);

    // Act
    await h.ok(d.users.admin, 'org.retire', { orgId: org.id, version: 2 });

    // Assert
    expect(orgIn(await tree(), org.id)).toMatchObject({ retired: true, version: 3 });
    expect((await h.ok(d.users.admin, 'org.get', { orgId: d.org.gw })).children.map((c: Data) => c.id)).not.toContain(org.id);
    expect((await h.ok(d.users.member, 'me')).roles.secretaryOf.map((o: Data) => o.id)).not.toContain(org.id);
    await expectRefused(h, 'ORG.RETIRED', () => h.call(d.users.admin, 'org.retire', { orgId: org.id, version: 3 }));
    await expectRefused(h, 'ORG.RETIRED', () => h.call(d.users.admin, 'org.create', { name: '撤销组织下的支部', kind: 'BRANCH', parentId: org.id }));
    await expectRefused(h, 'ORG.RETIRED', () => h.call(d.users.admin, 'org.bindGroup', { orgId: org.id, group: group('G-retired') }));
  });
});

describe('org.assignSecretary and org.setCommittee', () => {
  it('when the vacant 第二支部 gets a secretary and later another, then each post is stored and the first secretary loses it', async () => {
    // Arrange
    const v = await version(d.org.zb2);

    // Act
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: d.org.zb2, version: v, personId: d.person.s3 });
    const meWhileSecretary = await h.ok(d.users.member, 'me');
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: d.org.zb2, version: v + 1, personId: d.person.z6 });

    // Assert
    expect(meWhileSecretary.roles.secretaryOf.map((o: Data) => o.id)).toContain(d.org.zb2);
    expect(orgIn(await tree(), d.org.zb2)).toMatchObject({ secretaryId: d.person.z6, version: v + 2 });
    expect((await h.ok(d.users.member, 'me')).roles.secretaryOf.map((o: Data) => o.id)).not.toContain(d.org.zb2);
  });

  it('when a non-member (群众代表) or an unknown person is named secretary, then it is refused and nothing is written', async () => {
    const v = await version(d.org.wsy);
    await expectRefused(h, 'PERSON.NOT_MEMBER', () => h.call(d.users.admin, 'org.assignSecretary', { orgId: d.org.wsy, version: v, personId: d.person.m1 }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.admin, 'org.assignSecretary', { orgId: d.org.wsy, version: v, personId: 'p_nope' }));
  });

  it('when an admin sets a committee, then it is stored; unknown people or non-members are refused', async () => {
    // Arrange
    const v = await version(d.org.zb1);

    // Act
    await h.ok(d.users.admin, 'org.setCommittee', { orgId: d.org.zb1, version: v, personIds: [d.person.z3, d.person.z4, d.person.z3] });

    // Assert
    expect(orgIn(await tree(), d.org.zb1)).toMatchObject({ committeeMemberIds: [d.person.z3, d.person.z4], version: v + 1 });
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.admin, 'org.setCommittee', { orgId: d.org.zb1, version: v + 1, personIds: [d.person.z3, 'p_nope'] }));
    const wsyVersion = await version(d.org.wsy);
    await expectRefused(h, 'PERSON.NOT_MEMBER', () => h.call(d.users.admin, 'org.setCommittee', { orgId: d.org.wsy, version: wsyVersion, personIds: [d.person.m1] }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.branchSecretary, 'org.setCommittee', { orgId: d.org.xx1, version: 1, personIds: [] }));
  });
});

describe('org.bindGroup and org.resolveGroup', () => {
  it('when a branch secretary binds their WeChat group, then members opening a card from that group resolve the branch', async () => {
    // Act
    await h.ok(d.users.branchSecretary, 'org.bindGroup', { orgId: d.org.xx1, group: group('G-xx1') });

    // Assert
    expect((await h.ok(d.users.member, 'org.resolveGroup', { group: group('G-xx1') })).org).toEqual({ id: d.org.xx1, name: '新北区实验小学党支部', kind: 'BRANCH' });
    expect(orgIn(await tree(), d.org.xx1).opengid).toBe('G-xx1');
  });

  it('when the client sends the group as the top-level CloudID field g (the only place WeChat resolves it), then it is read as the payload’s group', async () => {
    // Arrange: as the platform delivers it, `g` resolved and the payload without a group.
    const event = { action: 'org.resolveGroup', payload: {}, g: group('G-xx1') };

    // Act
    const reply = await h.send(d.users.member, event);

    // Assert
    expect(reply.ok && (reply.data as { org: { id: string } }).org.id).toBe(d.org.xx1);
  });

  it('when a CloudID arrives unresolved (nested in the payload, where WeChat leaves it as sent), then INPUT.INVALID names the group', async () => {
    const reply = await h.send(d.users.member, { action: 'org.resolveGroup', payload: { group: { cloudID: 'cloud-G-xx1' } } });
    expectError(reply, 'INPUT.INVALID');
    expect(!reply.ok && reply.error.issues?.[0]?.path[0]).toBe('group');
  });

  it('when the same group is bound to another org, then the first org is released', async () => {
    // Act
    await h.ok(d.users.admin, 'org.bindGroup', { orgId: d.org.jg, group: group('G-xx1') });

    // Assert
    expect((await h.ok(d.users.member, 'org.resolveGroup', { group: group('G-xx1') })).org.id).toBe(d.org.jg);
    expect(orgIn(await tree(), d.org.xx1).opengid).toBeNull();
  });

  it('when a secretary binds a group already bound to another branch, then ORG.GROUP_BOUND_ELSEWHERE and the binding stays where it was', async () => {
    // Arrange: G-xx1 is bound to 局机关党支部 (previous test); 吴敏 is secretary of 实验小学党支部 only.
    // Act / Assert
    await expectRefused(h, 'ORG.GROUP_BOUND_ELSEWHERE', () => h.call(d.users.branchSecretary, 'org.bindGroup', { orgId: d.org.xx1, group: group('G-xx1') }));
    expect((await h.ok(d.users.member, 'org.resolveGroup', { group: group('G-xx1') })).org.id).toBe(d.org.jg);
  });

  it('when another tenant binds a group already bound here, then AUTH.FORBIDDEN and this tenant’s binding is untouched', async () => {
    // Arrange: the other tenant has an org of its own; G-xx1 is bound to 局机关党支部 here.
    const theirs = await h.ok(d.users.otherTenantAdmin, 'org.create', { name: '另一单位党委', kind: 'COMMITTEE', parentId: null });

    // Act / Assert
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.otherTenantAdmin, 'org.bindGroup', { orgId: theirs.id, group: group('G-xx1') }));
    expect((await h.ok(d.users.member, 'org.resolveGroup', { group: group('G-xx1') })).org.id).toBe(d.org.jg);
  });

  it('when a member (not secretary) binds, a group is unknown, or another tenant resolves it, then the right error and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.member, 'org.bindGroup', { orgId: d.org.xx1, group: group('G-other') }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.branchSecretary, 'org.bindGroup', { orgId: d.org.xx1, group: { cloudID: 'x', data: {} } }));
    expectError(await h.call(d.users.member, 'org.resolveGroup', { group: group('G-unknown') }), 'ORG.GROUP_NOT_BOUND');
    expectError(await h.call(d.users.otherTenantAdmin, 'org.resolveGroup', { group: group('G-xx1') }), 'ORG.GROUP_NOT_BOUND');
    expectError(await h.call(d.users.stranger, 'org.resolveGroup', { group: group('G-xx1') }), 'AUTH.UNBOUND');
  });
});
