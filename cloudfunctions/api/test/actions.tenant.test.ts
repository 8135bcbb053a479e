/** Tenant bootstrap and administrators through main(event). */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused } from './actions.support';

// Deployment configuration: who may create which tenant (a second admin for t000, one openid for two tenants).
const h = apiHarness({ BOOTSTRAP_ADMINS: 't000=o-admin,t000=o-admin-b,tother=o-other-admin,tnew=o-founder,tdouble=o-admin' });
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

describe('tenant.bootstrap', () => {
  it('when the openid named by the deployment creates its tenant, then the tenant exists and the founder is its admin', async () => {
    // Act
    const result = await h.ok('o-founder', 'tenant.bootstrap', { tenantId: 'tnew', name: '新建单位' });

    // Assert
    expect(result).toEqual({ tenantId: 'tnew' });
    expect(await h.ok('o-founder', 'tenant.get')).toMatchObject({ _id: 'tnew', name: '新建单位', topReviewer: null, version: 1 });
    expect(await h.ok('o-founder', 'me')).toMatchObject({ bound: true, tenant: { id: 'tnew', name: '新建单位' }, person: null, org: null, roles: { admin: true, secretaryOf: [] } });
    expect((await h.ok('o-founder', 'org.tree')).orgs).toEqual([]);
  });

  it('when an openid not in the configuration, or configured for another tenant, bootstraps, then AUTH.FORBIDDEN and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.stranger, 'tenant.bootstrap', { tenantId: 'tnew2', name: '未经配置' }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call('o-founder', 'tenant.bootstrap', { tenantId: 't000', name: '抢注' }));
  });

  it('when the tenant exists already, then a second configured admin gets TENANT.EXISTS and nothing is written', async () => {
    await expectRefused(h, 'TENANT.EXISTS', () => h.call('o-admin-b', 'tenant.bootstrap', { tenantId: 't000', name: '重复创建' }));
  });

  it('when a bound admin bootstraps a second tenant, then TENANT.ALREADY_BOUND and nothing is written', async () => {
    await expectRefused(h, 'TENANT.ALREADY_BOUND', () => h.call(d.users.admin, 'tenant.bootstrap', { tenantId: 'tdouble', name: '第二个单位' }));
  });

  it('when the tenant id is malformed, then INPUT.INVALID names the field and nothing is written', async () => {
    const error = await expectRefused(h, 'INPUT.INVALID', () => h.call('o-founder', 'tenant.bootstrap', { tenantId: 'T 000', name: '格式错误' }));
    expect(error.issues?.[0].path).toEqual(['tenantId']);
  });
});

describe('tenant.get and tenant.update', () => {
  it('when a member reads the tenant, then they see its name and the named outside reviewer', async () => {
    // Act
    const tenant = await h.ok(d.users.member, 'tenant.get');

    // Assert
    expect(tenant).toMatchObject({ _id: 't000', name: '常州市新北区社会事业局', topReviewer: { name: '钱宏', unitAndPost: '区委常委、组织部部长' } });
  });

  it('when a stranger reads a tenant, then AUTH.UNBOUND', async () => {
    expectError(await h.call(d.users.stranger, 'tenant.get'), 'AUTH.UNBOUND');
  });

  it('when an admin renames the tenant and clears the outside reviewer, then both are stored and the version goes up', async () => {
    // Arrange
    const before = await h.ok(d.users.admin, 'tenant.get');

    // Act
    const result = await h.ok(d.users.admin, 'tenant.update', { version: before.version, name: '新北区社会事业局', topReviewer: null });

    // Assert
    expect(result).toEqual({ tenantId: 't000', version: before.version + 1 });
    expect(await h.ok(d.users.member, 'tenant.get')).toMatchObject({ name: '新北区社会事业局', topReviewer: null, version: before.version + 1 });
  });

  it('when an update is stale or comes from a secretary, then it is refused and nothing is written', async () => {
    const { version } = await h.ok(d.users.admin, 'tenant.get');
    await expectRefused(h, 'CONFLICT', () => h.call(d.users.admin, 'tenant.update', { version: version - 1, name: '旧版本' }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'tenant.update', { version, name: '书记改名' }));
  });
});

describe('tenant.addAdmin', () => {
  it('when an admin names a bound person admin, then that person has the admin role and may administer', async () => {
    // Arrange
    expectError(await h.call(d.users.committeeMember, 'org.create', { name: '试建组织', kind: 'BRANCH', parentId: d.org.gw }), 'AUTH.FORBIDDEN');

    // Act
    const result = await h.ok(d.users.admin, 'tenant.addAdmin', { personId: d.person.g2 });

    // Assert
    expect(result).toEqual({ personId: d.person.g2, admin: true });
    expect((await h.ok(d.users.committeeMember, 'me')).roles.admin).toBe(true);
    expect((await h.ok(d.users.committeeMember, 'org.create', { name: '新任管理员建的支部', kind: 'BRANCH', parentId: d.org.gw })).version).toBe(1);
  });

  it('when a person named admin joins later, then they are an admin from the moment they are bound', async () => {
    // Arrange
    await h.ok(d.users.admin, 'tenant.addAdmin', { personId: d.person.g4 });
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.jg });
    const claim = await h.ok('o-g4', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.g4 });

    // Act
    await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: true });

    // Assert
    const me: Data = await h.ok('o-g4', 'me');
    expect(me).toMatchObject({ person: { id: d.person.g4, name: '张爱娟' }, roles: { admin: true } });
  });

  it('when a non-admin names an admin, or the person belongs to another tenant, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.committeeSecretary, 'tenant.addAdmin', { personId: d.person.g5 }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.otherTenantAdmin, 'tenant.addAdmin', { personId: d.person.g5 }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call(d.users.admin, 'tenant.addAdmin', { personId: 'p_nope' }));
  });

  it('when the person has left, then they cannot be named admin and nothing is written', async () => {
    // Arrange
    const jg = await h.ok(d.users.admin, 'org.get', { orgId: d.org.jg });
    expect(jg.persons.some((p: Data) => p.id === d.person.g5)).toBe(true);
    const version = (h.local.store.get('persons')?.docs.get(d.person.g5) as { version: number }).version;
    await h.ok(d.users.admin, 'person.retire', { personId: d.person.g5, version });

    // Act / Assert
    await expectRefused(h, 'PERSON.LEFT', () => h.call(d.users.admin, 'tenant.addAdmin', { personId: d.person.g5 }));
  });
});
