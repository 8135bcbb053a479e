/** Public commitments (公开承诺) and their moderation through main(event). */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused } from './actions.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

const list = (openid: string, orgId = d.org.xx1) => h.ok(openid, 'commitment.list', { campaignId: d.campaignId, orgId });
const ownedBy = (result: Data, personId: string) => result.commitments.find((c: Data) => c.owner.kind === 'PERSON' && c.owner.personId === personId);
const ofOrg = (result: Data, orgId: string) => result.commitments.find((c: Data) => c.owner.kind === 'ORG' && c.owner.orgId === orgId);

describe('commitment.saveMine', () => {
  it('when a member makes their commitment, then it is public within their branch with its items', async () => {
    // Act
    const saved = await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '每学期上一节示范课', progress: 20 }] });

    // Assert: read back by the branch secretary, a fellow reader of the branch.
    expect(saved).toMatchObject({ version: 1, moderation: 'PASS' });
    const mine = ownedBy(await list(d.users.branchSecretary), d.person.s3);
    expect(mine).toMatchObject({ id: saved.id, owner: { kind: 'PERSON', personId: d.person.s3, orgId: d.org.xx1 }, date: '2026-03-01', version: 1, held: false });
    expect(mine.items).toEqual([{ id: expect.any(String), content: '每学期上一节示范课', progress: 20, fulfilmentNotes: '' }]);
  });

  it('when the member updates fulfilment from the current version, then progress and notes are stored and the version goes up', async () => {
    // Arrange
    const before = ownedBy(await list(d.users.member), d.person.s3);

    // Act
    const saved = await h.ok(d.users.member, 'commitment.saveMine', {
      campaignId: d.campaignId,
      date: '2026-03-01',
      version: before.version,
      items: [
        { id: before.items[0].id, content: '每学期上一节示范课', progress: 80, fulfilmentNotes: '已上三节示范课' },
        { content: '结对帮扶一名青年教师', progress: 0 },
      ],
    });

    // Assert
    expect(saved.version).toBe(before.version + 1);
    const after = ownedBy(await list(d.users.member), d.person.s3);
    expect(after.version).toBe(before.version + 1);
    expect(after.items).toEqual([
      { id: before.items[0].id, content: '每学期上一节示范课', progress: 80, fulfilmentNotes: '已上三节示范课' },
      { id: expect.any(String), content: '结对帮扶一名青年教师', progress: 0, fulfilmentNotes: '' },
    ]);
  });

  it('when an edit is based on a stale version, or a second commitment is made without one, then CONFLICT and nothing is written', async () => {
    const current = ownedBy(await list(d.users.member), d.person.s3);
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', version: current.version - 1, items: [{ content: '旧版本上的修改', progress: 50 }] }));
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '再作一份承诺', progress: 0 }] }));
  });

  it('when a payload names another owner, then only the caller’s own commitment is written', async () => {
    // Arrange: 李娜's commitment as it stands.
    const before = ownedBy(await list(d.users.member), d.person.s3);

    // Act: the branch secretary tries to write in 李娜's name; the contract has no such field.
    const saved = await h.ok(d.users.branchSecretary, 'commitment.saveMine', {
      campaignId: d.campaignId,
      date: '2026-04-01',
      items: [{ content: '书记本人的承诺', progress: 10 }],
      owner: { kind: 'PERSON', personId: d.person.s3, orgId: d.org.xx1 },
      personId: d.person.s3,
      version: undefined,
    });

    // Assert
    const after = await list(d.users.member);
    expect(ownedBy(after, d.person.s3)).toEqual(before);
    expect(ownedBy(after, d.person.s1)).toMatchObject({ id: saved.id, items: [expect.objectContaining({ content: '书记本人的承诺' })] });
  });

  it('when someone with no roster entry, a stranger, or an unknown campaign is used, then it is refused and nothing is written', async () => {
    const payload = { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '承诺', progress: 0 }] };
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.admin, 'commitment.saveMine', payload));
    await expectRefused(h, 'AUTH.UNBOUND', () => h.call(d.users.stranger, 'commitment.saveMine', payload));
    await expectRefused(h, 'CAMPAIGN.NOT_FOUND', () => h.call(d.users.otherBranchMember, 'commitment.saveMine', { ...payload, campaignId: 'camp_nope' }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.otherBranchMember, 'commitment.saveMine', { ...payload, items: [] }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.otherBranchMember, 'commitment.saveMine', { ...payload, items: [{ content: '进度超出', progress: 120 }] }));
  });
});

describe('commitment.saveOrg', () => {
  it('when a branch secretary makes the branch’s commitment, then members of the branch see it', async () => {
    // Act
    const saved = await h.ok(d.users.branchSecretary, 'commitment.saveOrg', { orgId: d.org.xx1, campaignId: d.campaignId, date: '2026-03-05', items: [{ content: '创建学习型党支部', progress: 30 }] });

    // Assert
    const org = ofOrg(await list(d.users.member), d.org.xx1);
    expect(org).toMatchObject({ id: saved.id, owner: { kind: 'ORG', orgId: d.org.xx1 }, version: 1, items: [expect.objectContaining({ content: '创建学习型党支部', progress: 30 })] });
  });

  it('when a member, an admin, an upper secretary or another org’s secretary saves the branch’s commitment, then AUTH.FORBIDDEN and nothing is written', async () => {
    const payload = { orgId: d.org.xx1, campaignId: d.campaignId, date: '2026-03-05', version: 1, items: [{ content: '改写支部承诺', progress: 100 }] };
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.member, 'commitment.saveOrg', payload));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.admin, 'commitment.saveOrg', payload));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'commitment.saveOrg', payload));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.generalBranchSecretary, 'commitment.saveOrg', payload));
    await expectRefused(h, 'AUTH.OTHER_TENANT', () => h.call(d.users.otherTenantAdmin, 'commitment.saveOrg', payload));
  });
});

describe('commitment.list', () => {
  it('when the upper secretary or an admin lists the branch, then they see its commitments', async () => {
    expect((await list(d.users.committeeSecretary)).commitments).toHaveLength(3);
    expect((await list(d.users.admin)).commitments).toHaveLength(3);
  });

  it('when the branch list is read, then each commitment names who made it (the member, or the branch)', async () => {
    const { commitments } = await list(d.users.member);
    const byOwner = commitments.map((c: Data) => [c.owner.kind, c.ownerName]);
    expect(byOwner).toContainEqual(['PERSON', '李娜']);
    expect(byOwner).toContainEqual(['ORG', '新北区实验小学党支部']);
    expect(commitments.every((c: Data) => c.ownerName.length > 0)).toBe(true);
  });

  it('when a member of another branch, another tenant or a stranger lists the branch, then they see nothing', async () => {
    expectError(await h.call(d.users.otherBranchMember, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');
    expectError(await h.call(d.users.otherTenantAdmin, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 }), 'AUTH.OTHER_TENANT');
    expectError(await h.call(d.users.stranger, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 }), 'AUTH.UNBOUND');
  });
});

describe('content security', () => {
  it('when a commitment contains risky text, then CONTENT.RISKY and nothing is stored', async () => {
    await expectRefused(h, 'CONTENT.RISKY', () => h.call(d.users.otherBranchMember, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '违禁测试词', progress: 0 }] }));
    expect(ownedBy(await list(d.users.admin, d.org.wsy), d.person.w3)).toBeUndefined();
  });

  it('when an update puts risky text in the fulfilment notes, then it is refused and the earlier version stays', async () => {
    // Arrange
    const before = ownedBy(await list(d.users.member), d.person.s3);

    // Act / Assert
    await expectRefused(h, 'CONTENT.RISKY', () =>
      h.call(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', version: before.version, items: [{ id: before.items[0].id, content: before.items[0].content, progress: 90, fulfilmentNotes: '说明里有违禁测试词' }] }),
    );
    expect(ownedBy(await list(d.users.member), d.person.s3)).toEqual(before);
  });

  it('when text is flagged for review, then it is stored but shown only to its author and admins until released', async () => {
    // Arrange: 罗德福's commitment, read by his branch secretary's level (the upper secretary) and by the 卫生院 readers.
    const saved = await h.ok(d.users.otherBranchMember, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '义诊服务待审测试词', progress: 0 }] });
    expect(saved.moderation).toBe('HELD');

    // Act
    const byAuthor = ownedBy(await list(d.users.otherBranchMember, d.org.wsy), d.person.w3);
    const byUpper = ownedBy(await list(d.users.committeeSecretary, d.org.wsy), d.person.w3);
    const byAdmin = ownedBy(await list(d.users.admin, d.org.wsy), d.person.w3);

    // Assert
    expect(byAuthor).toMatchObject({ held: true, items: [expect.objectContaining({ content: '义诊服务待审测试词' })] });
    expect(byUpper).toMatchObject({ held: true, items: [] });
    expect(byAdmin.items).toHaveLength(1);
    expect((await h.ok(d.users.admin, 'moderation.list')).commitments).toEqual([{ id: saved.id, owner: byAdmin.owner, items: byAdmin.items, version: 1 }]);
  });

  it('when an admin releases held text, then everyone with a stake in the org sees it', async () => {
    // Arrange
    const [held] = (await h.ok(d.users.admin, 'moderation.list')).commitments;

    // Act
    await h.ok(d.users.admin, 'moderation.release', { collection: 'commitments', id: held.id, approve: true });

    // Assert
    expect(ownedBy(await list(d.users.committeeSecretary, d.org.wsy), d.person.w3)).toMatchObject({ held: false, items: [expect.objectContaining({ content: '义诊服务待审测试词' })] });
    expect((await h.ok(d.users.admin, 'moderation.list')).commitments).toEqual([]);
    await expectRefused(h, 'MODERATION.NOT_HELD', () => h.call(d.users.admin, 'moderation.release', { collection: 'commitments', id: held.id, approve: true }));
  });

  it('when an admin refuses held text, then its content is cleared and the owner is asked to write it again', async () => {
    // Arrange: the 总支 secretary's org commitment is held.
    const saved = await h.ok(d.users.generalBranchSecretary, 'commitment.saveOrg', { orgId: d.org.zx, campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '加微信领取资料', progress: 0 }] });
    expect(saved.moderation).toBe('HELD');

    // Act
    await h.ok(d.users.admin, 'moderation.release', { collection: 'commitments', id: saved.id, approve: false });

    // Assert
    const org = ofOrg(await list(d.users.committeeSecretary, d.org.zx), d.org.zx);
    expect(org.held).toBe(false);
    expect(org.items[0].content).toContain('未通过审核');
    expect(org.items[0].content).not.toContain('加微信');
  });

  it('when a non-admin lists or releases held text, then AUTH.FORBIDDEN and nothing is written', async () => {
    expectError(await h.call(d.users.committeeSecretary, 'moderation.list'), 'AUTH.FORBIDDEN');
    const any = ownedBy(await list(d.users.member), d.person.s3);
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'moderation.release', { collection: 'commitments', id: any.id, approve: true }));
    await expectRefused(h, 'COMMITMENT.NOT_FOUND', () => h.call(d.users.otherTenantAdmin, 'moderation.release', { collection: 'commitments', id: any.id, approve: true }));
  });
});
