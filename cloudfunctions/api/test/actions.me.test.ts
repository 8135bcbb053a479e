/** `me` through main(event): what the app needs to start, for bound, unbound and admin-only users. */
import { apiHarness, buildDistrict, type District } from './harness';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

const brief = (key: string, name: string, kind: string) => ({ id: d.org[key], name, kind });

describe('me', () => {
  it('when a bound member calls me, then they get their person, branch, no posts and the tenant’s campaigns', async () => {
    // Act
    const me = await h.ok(d.users.member, 'me');

    // Assert
    expect(me).toEqual({
      bound: true,
      openid: d.users.member,
      tenant: { id: 't000', name: '常州市新北区社会事业局' },
      person: { id: d.person.s3, name: '李娜', unitAndPost: '语文教师', isMember: true, flags: {} },
      org: brief('xx1', '新北区实验小学党支部', 'BRANCH'),
      roles: { admin: false, secretaryOf: [], committeeOf: [], liaisonOf: [], officeOf: null },
      campaigns: [{ id: d.campaignId, name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' }],
    });
  });

  it('when the 工委 secretary calls me, then they see the org they lead, their own branch and their liaison point', async () => {
    // Act
    const me = await h.ok(d.users.committeeSecretary, 'me');

    // Assert
    expect(me.person.name).toBe('周建国');
    expect(me.org).toEqual(brief('jg', '局机关党支部', 'BRANCH'));
    expect(me.roles).toEqual({ admin: false, secretaryOf: [brief('gw', '中共常州市新北区社会事业局工作委员会', 'WORK_COMMITTEE')], committeeOf: [], liaisonOf: [brief('xx1', '新北区实验小学党支部', 'BRANCH')], officeOf: null });
  });

  it('when a 工委 committee member calls me, then they see the committee they sit on and both liaison points', async () => {
    // Act
    const me = await h.ok(d.users.committeeMember, 'me');

    // Assert
    expect(me.roles.committeeOf).toEqual([brief('gw', '中共常州市新北区社会事业局工作委员会', 'WORK_COMMITTEE')]);
    expect(me.roles.liaisonOf).toEqual(expect.arrayContaining([brief('wsy', '罗溪镇卫生院党支部', 'BRANCH'), brief('zx', '新北区初级中学党总支', 'GENERAL_BRANCH')]));
    expect(me.roles.liaisonOf).toHaveLength(2);
    expect(me.roles.secretaryOf).toEqual([]);
  });

  it('when the 总支 secretary (registered in a branch below) calls me, then org and post differ', async () => {
    // Act
    const me = await h.ok(d.users.generalBranchSecretary, 'me');

    // Assert
    expect(me.org).toEqual(brief('zb1', '初级中学教工第一党支部', 'BRANCH'));
    expect(me.roles.secretaryOf).toEqual([brief('zx', '新北区初级中学党总支', 'GENERAL_BRANCH')]);
  });

  it('when an elderly member calls me, then their flags come along', async () => {
    expect((await h.ok(d.users.otherBranchMember, 'me')).person.flags).toEqual({ elderly: true });
  });

  it('when the bootstrap admin (no roster entry) calls me, then they are an admin with no person and see the campaigns', async () => {
    // Act
    const me = await h.ok(d.users.admin, 'me');

    // Assert
    expect(me).toEqual({
      bound: true,
      openid: d.users.admin,
      tenant: { id: 't000', name: '常州市新北区社会事业局' },
      person: null,
      org: null,
      // The office's dashboard opens on the top org.
      roles: { admin: true, secretaryOf: [], committeeOf: [], liaisonOf: [], officeOf: brief('gw', '中共常州市新北区社会事业局工作委员会', 'WORK_COMMITTEE') },
      campaigns: [{ id: d.campaignId, name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' }],
    });
  });

  it('when another tenant’s admin calls me, then they see their own tenant and none of these campaigns', async () => {
    // Act
    const me = await h.ok(d.users.otherTenantAdmin, 'me');

    // Assert
    expect(me).toMatchObject({ bound: true, tenant: { id: 'tother', name: '另一单位' }, campaigns: [] });
  });

  it('when an unbound WeChat user calls me, then they learn only that they are not bound', async () => {
    // Act
    const me = await h.ok(d.users.stranger, 'me');

    // Assert
    expect(me).toEqual({ bound: false, openid: d.users.stranger, claim: null, founds: [] });
  });

  it('when a claim was refused, then me tells the claimant so (and a new claim shows as pending again)', async () => {
    // Arrange
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    const claim = await h.ok('o-joiner', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
    await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: false });

    // Act
    const refused = await h.ok('o-joiner', 'me');
    h.clock.advance('1m');
    await h.ok('o-joiner', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
    const again = await h.ok('o-joiner', 'me');

    // Assert
    expect(refused).toMatchObject({ bound: false, claim: { claimId: claim.claimId, status: 'REJECTED' } });
    expect(again).toMatchObject({ bound: false, claim: { status: 'PENDING' } });
  });

  it('when a campaign is added, then me lists it for every bound user of the tenant, newest first', async () => {
    // Arrange
    const created = await h.ok(d.users.admin, 'campaign.create', { name: '2027年领导点评', start: '2027-01-01', end: '2027-12-31' });

    // Act
    const me = await h.ok(d.users.member, 'me');

    // Assert
    expect(me.campaigns.map((c: { id: string }) => c.id)).toEqual([created.id, d.campaignId]);
  });

  it('when a bound member has left, then me no longer gives them a person or posts', async () => {
    // Arrange: the 总支 secretary retires.
    const version = (h.local.store.get('persons')?.docs.get(d.person.z1) as { version: number }).version;
    await h.ok(d.users.admin, 'person.retire', { personId: d.person.z1, version });

    // Act
    const me = await h.ok(d.users.generalBranchSecretary, 'me');

    // Assert
    expect(me).toMatchObject({ bound: true, person: null, org: null, roles: { admin: false, secretaryOf: [], committeeOf: [], liaisonOf: [] } });
  });
});
