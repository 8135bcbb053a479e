import { apiHarness, buildDistrict, type District } from './harness';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

describe('R7 assistance points on the tenant', () => {
  it('when the admin names an org outside the tree that the 工委 assists, then the tenant keeps it', async () => {
    // Arrange
    const tenant = await h.ok(d.users.admin, 'tenant.get');
    const assistance = { id: 'as1', assistingOrgId: d.org.gw, targetOrgId: 'ext-1', targetName: '罗溪镇党委' };
    // Act
    const reply = await h.call(d.users.admin, 'tenant.update', { version: tenant.version, assistances: [assistance] });
    // Assert
    expect(reply.ok).toBe(true);
    expect((await h.ok(d.users.admin, 'tenant.get')).assistances).toEqual([assistance]);
  });

  it('when an assisting org is not an org of the tenant, then the update is refused naming the item and nothing changes', async () => {
    // Arrange
    const before = await h.ok(d.users.admin, 'tenant.get');
    // Act
    const reply = await h.call(d.users.admin, 'tenant.update', {
      version: before.version,
      assistances: [{ id: 'as2', assistingOrgId: 'no-such-org', targetOrgId: 'ext-2', targetName: '某局党组' }],
    });
    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'ORG.NOT_FOUND', issues: [{ path: ['assistances', 0, 'assistingOrgId'] }] } });
    expect(await h.ok(d.users.admin, 'tenant.get')).toEqual(before);
  });

  it('when a member tries to set assistance points, then it is forbidden', async () => {
    const tenant = await h.ok(d.users.admin, 'tenant.get');
    const reply = await h.call(d.users.member, 'tenant.update', { version: tenant.version, assistances: [] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});
