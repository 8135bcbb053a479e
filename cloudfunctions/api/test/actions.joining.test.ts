/** Joining through main(event): invitation → open → claim → approve/reject binds; expiry; double claims. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { FIXTURE_NOW, apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectError, expectRefused } from './actions.support';

const h = apiHarness();
// Tests here move the clock; each starts again at the fixtures' day.
afterEach(() => h.clock.set(FIXTURE_NOW));
let d: District;
let invitationId: string;

const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  d = await buildDistrict(h);
  invitationId = (await h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1 })).invitationId;
});


const claimOf = async (openid: string, personId: string, invitation = invitationId) => (await h.ok(openid, 'claim.submit', { invitationId: invitation, personId })).claimId as string;

describe('invitation.create and invitation.open', () => {
  it('when a branch secretary invites, then anyone opening it sees the branch and its deadline, and no roster names', async () => {
    // Act
    const created = await h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1, days: 3 });
    const opened = await h.ok('o-newcomer', 'invitation.open', { invitationId: created.invitationId });

    // Assert: the link is not a list of who has yet to join (issue 22): the newcomer types their name.
    expect(created).toMatchObject({ orgName: '新北区实验小学党支部', expiresAt: expect.any(Number) });
    expect(created.expiresAt - h.clock.now()).toBeGreaterThan(3 * DAY - 60_000);
    expect(created.expiresAt - h.clock.now()).toBeLessThanOrEqual(3 * DAY);
    expect(opened.org).toEqual({ id: d.org.xx1, name: '新北区实验小学党支部' });
    expect(Object.keys(opened).sort()).toEqual(['expiresAt', 'org']);
    expect(JSON.stringify(opened)).not.toMatch(/孙丽|郑小雨|钱军/);
  });

  it('when a secretary invites, then the invitation’s mini program code is stored and scans as the join page with the invitation as its scene', async () => {
    // Act
    const created = await h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1 });

    // Assert
    expect(created.code).toMatchObject({ scene: created.invitationId, fileID: expect.stringMatching(/^cloud:\/\/.+\/invitations\/t000\/inv_.+\.png$/), url: expect.stringMatching(/^https?:/) });
    expect(created.code.scene.length).toBeLessThanOrEqual(32);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as { downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }> };
    const png = PNG.sync.read(Buffer.from((await sdk.downloadFile({ fileID: created.code.fileID })).fileContent));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`pages/join/join/join?scene=${created.invitationId}`);
  });

  it('when a member, another branch’s secretary or a stranger invites, then it is refused and nothing is written', async () => {
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.member, 'invitation.create', { orgId: d.org.xx1 }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.generalBranchSecretary, 'invitation.create', { orgId: d.org.xx1 }));
    await expectRefused(h, 'AUTH.UNBOUND', () => h.call(d.users.stranger, 'invitation.create', { orgId: d.org.xx1 }));
    await expectRefused(h, 'INPUT.INVALID', () => h.call(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1, days: 365 }));
  });

  it('when an unknown invitation is opened, then INVITATION.NOT_FOUND', async () => {
    expectError(await h.call('o-newcomer', 'invitation.open', { invitationId: 'inv_nope' }), 'INVITATION.NOT_FOUND');
  });

  it('when the invitation has expired, then it can be neither opened nor claimed, and nothing is written', async () => {
    // Arrange: a one-day invitation, and a clock two days later.
    const short = await h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1, days: 1 });
    h.clock.advance('2d');

    // Act / Assert
    expectError(await h.call('o-late', 'invitation.open', { invitationId: short.invitationId }), 'INVITATION.EXPIRED');
    await expectRefused(h, 'INVITATION.EXPIRED', () => h.call('o-late', 'claim.submit', { invitationId: short.invitationId, personId: d.person.s4 }));
    // The week-long invitation is still good at that time.
    expect((await h.ok('o-late', 'invitation.open', { invitationId })).org.id).toBe(d.org.xx1);
  });
});

describe('claim.submit, claim.list and claim.decide', () => {
  it('when a newcomer claims an entry and the secretary approves, then the openid is bound to that person', async () => {
    // Arrange
    const claimId = await claimOf('o-qian', d.person.s4);
    const pending = await h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 });
    expect(pending.claims).toEqual([{ claimId, personId: d.person.s4, personName: '钱军', createdAt: expect.any(Number), version: 1, enteredName: null, enteredPhoneTail: null, phoneCheck: 'NO_ROSTER_PHONE' }]);
    expect((await h.ok('o-qian', 'me')).bound).toBe(false);

    // Act
    const decided = await h.ok(d.users.branchSecretary, 'claim.decide', { claimId, approve: true });

    // Assert
    expect(decided).toEqual({ claimId, status: 'APPROVED', personId: d.person.s4 });
    const me = await h.ok('o-qian', 'me');
    expect(me).toMatchObject({ bound: true, person: { id: d.person.s4, name: '钱军' }, org: { id: d.org.xx1 }, tenant: { id: 't000' } });
    expect((await h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 })).claims).toEqual([]);
    expect((await h.ok('o-qian', 'org.get', { orgId: d.org.xx1 })).persons.find((p: Data) => p.id === d.person.s4).bound).toBe(true);
    await expectRefused(h, 'CLAIM.NAME_NOT_FOUND', () => h.call('o-other', 'claim.submit', { invitationId, name: '钱军' }));
  });

  it('when the secretary rejects a claim, then nothing is bound and the entry stays open to claim', async () => {
    // Arrange
    const claimId = await claimOf('o-wrong', d.person.s2);

    // Act
    const decided = await h.ok(d.users.branchSecretary, 'claim.decide', { claimId, approve: false });

    // Assert
    expect(decided).toEqual({ claimId, status: 'REJECTED' });
    expect((await h.ok('o-wrong', 'me')).bound).toBe(false);
    expect((await h.ok('o-right', 'claim.submit', { invitationId, name: '孙丽' })).status).toBe('PENDING');
    await expectRefused(h, 'CLAIM.DECIDED', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId, approve: true }));
  });

  it('when a roster entry is already bound, then it cannot be claimed and nothing is written', async () => {
    await expectRefused(h, 'CLAIM.ALREADY_BOUND', () => h.call('o-impostor', 'claim.submit', { invitationId, personId: d.person.s3 }));
  });

  it('when an openid is already bound (a member or an admin), then it cannot claim and nothing is written', async () => {
    await expectRefused(h, 'CLAIM.OPENID_BOUND', () => h.call(d.users.member, 'claim.submit', { invitationId, personId: d.person.s5 }));
    await expectRefused(h, 'CLAIM.OPENID_BOUND', () => h.call(d.users.admin, 'claim.submit', { invitationId, personId: d.person.s5 }));
  });

  it('when the claimed person is not on the invitation’s branch, then PERSON.NOT_FOUND and nothing is written', async () => {
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call('o-newcomer', 'claim.submit', { invitationId, personId: d.person.w1 }));
    await expectRefused(h, 'PERSON.NOT_FOUND', () => h.call('o-newcomer', 'claim.submit', { invitationId, personId: 'p_nope' }));
  });

  it('when two people claim the same entry, then the first approval closes the second, whose approval then fails and writes nothing', async () => {
    // Arrange
    const first = await claimOf('o-zheng', d.person.s5);
    const second = await claimOf('o-zheng-fake', d.person.s5);
    await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: first, approve: true });

    // Act / Assert: the approval closed the other claim on 郑小雨 (issue 23), so it is already decided.
    await expectRefused(h, 'CLAIM.DECIDED', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId: second, approve: true }));
    expect((await h.ok('o-zheng-fake', 'me')).bound).toBe(false);
    expect((await h.ok('o-zheng', 'me')).person.id).toBe(d.person.s5);
  });

  it('when one openid claims two entries, then the first approval closes the other claim, whose approval then fails', async () => {
    // Arrange: a fresh invitation for the 卫生院 branch, two claims by one newcomer.
    const wsy = (await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.wsy })).invitationId;
    const first = await claimOf('o-greedy', d.person.w1, wsy);
    const second = await claimOf('o-greedy', d.person.w2, wsy);
    await h.ok(d.users.admin, 'claim.decide', { claimId: first, approve: true });

    // Act / Assert: the claimant is bound now, so their other claim was closed with the approval (issue 23).
    await expectRefused(h, 'CLAIM.DECIDED', () => h.call(d.users.admin, 'claim.decide', { claimId: second, approve: true }));
    expect((await h.ok('o-greedy', 'me')).person.id).toBe(d.person.w1);
  });

  it('when someone other than the branch’s secretary or an admin lists or decides claims, then AUTH errors and nothing is written', async () => {
    // Arrange
    const claimId = await claimOf('o-pending', d.person.s2);

    // Act / Assert
    expectError(await h.call(d.users.member, 'claim.list', { orgId: d.org.xx1 }), 'AUTH.FORBIDDEN');
    expectError(await h.call(d.users.otherTenantAdmin, 'claim.list', { orgId: d.org.xx1 }), 'AUTH.OTHER_TENANT');
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.member, 'claim.decide', { claimId, approve: true }));
    await expectRefused(h, 'AUTH.FORBIDDEN', () => h.call(d.users.generalBranchSecretary, 'claim.decide', { claimId, approve: true }));
    await expectRefused(h, 'AUTH.UNBOUND', () => h.call('o-pending', 'claim.decide', { claimId, approve: true }));
    await expectRefused(h, 'CLAIM.NOT_FOUND', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId: 'claim_nope', approve: true }));
  });
});
