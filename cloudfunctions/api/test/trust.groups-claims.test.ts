/**
 * Issue 23, finding 8 (the smaller ones) through `main(event)`: a group id the client wrote into the
 * payload is refused (only the top-level CloudID `g` is resolved by WeChat); group ids are shown only to
 * those who bind groups; approving one claim on a person closes the others, so they stop waiting on the
 * secretary's home.
 */
import { apiHarness, buildDistrict, type Data, type District } from './harness';

const h = apiHarness();
let d: District;
const group = (opengid: string) => ({ cloudID: `cloud-${opengid}`, data: { opengid } });

beforeAll(async () => {
  d = await buildDistrict(h);
  // 吴敏 binds 实验小学党支部's group chat the way the app does (the CloudID as the top-level `g`).
  await h.ok(d.users.branchSecretary, 'org.bindGroup', { orgId: d.org.xx1, group: group('G-xx1') });
});

describe('group ids', () => {
  it('when a client puts a made-up resolved group inside the payload, then it is refused and nothing is bound', async () => {
    // Arrange
    const org = () => h.local.store.get('orgs')!.docs.get(d.org.wsy) as { opengid: string | null; version: number };
    const before = org().opengid;

    // Act
    const reply = await h.send(d.users.admin, { action: 'org.bindGroup', requestId: 'forged-group-1', payload: { orgId: d.org.wsy, group: group('G-forged') } });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['group'] }] } });
    expect(org().opengid).toBe(before);
  });

  it('when a member reads the org tree or an org, then no group id is shown; the office and the org’s own secretary see it', async () => {
    // Act
    const memberTree = await h.ok(d.users.member, 'org.tree', {});
    const memberOrg = await h.ok(d.users.member, 'org.get', { orgId: d.org.xx1 });
    const otherSecretary = await h.ok(d.users.generalBranchSecretary, 'org.tree', {});
    const adminTree = await h.ok(d.users.admin, 'org.tree', {});
    const secretaryOrg = await h.ok(d.users.branchSecretary, 'org.get', { orgId: d.org.xx1 });

    // Assert
    const gidOf = (orgs: Data[]) => orgs.find((o) => o.id === d.org.xx1)?.opengid ?? null;
    expect(gidOf(memberTree.orgs)).toBeNull();
    expect(memberTree.orgs.every((o: Data) => (o.opengid ?? null) === null)).toBe(true);
    expect(memberOrg.org.opengid ?? null).toBeNull();
    expect(gidOf(otherSecretary.orgs)).toBeNull();
    expect(gidOf(adminTree.orgs)).toBe('G-xx1');
    expect(secretaryOrg.org.opengid).toBe('G-xx1');
  });
});

describe('claims on one person', () => {
  it('when one of two claims on a person is approved, then the other is closed and no longer pending on the secretary’s home', async () => {
    // Arrange: two newcomers both claim 钱军 (s4) of 实验小学党支部.
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    const first = await h.ok('o-newcomer-1', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
    const second = await h.ok('o-newcomer-2', 'claim.submit', { invitationId: invitation.invitationId, personId: d.person.s4 });
    const pendingBefore = (await h.ok(d.users.branchSecretary, 'home', {})).claimsToApprove.map((c: Data) => c.claimId);

    // Act
    await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: first.claimId, approve: true });
    const home = await h.ok(d.users.branchSecretary, 'home', {});

    // Assert
    expect(pendingBefore).toEqual(expect.arrayContaining([first.claimId, second.claimId]));
    expect(home.claimsToApprove.map((c: Data) => c.claimId)).not.toContain(second.claimId);
    expect(h.local.store.get('claims')!.docs.get(second.claimId)).toMatchObject({ status: 'CLOSED', closedReason: 'PERSON_BOUND' });
  });
});
