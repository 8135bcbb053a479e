/**
 * Issue 22 item 7 through main(event): a claim is checked against the phone tail the roster holds, so a
 * stranger holding the invitation link cannot be bound; claims are rate-limited per WeChat user; other
 * claims on a person close when the person is bound.
 */
import { FIXTURE_NOW, apiHarness, buildDistrict, type Data, type District } from './harness';
import { expectRefused } from './actions.support';

const h = apiHarness();
afterEach(() => h.clock.set(FIXTURE_NOW));
let d: District;
let invitationId: string;
let zhouId: string;

beforeAll(async () => {
  d = await buildDistrict(h);
  // A newcomer on the roster with a phone number: only its last four digits (5678) are kept.
  const imported = await h.ok(d.users.admin, 'roster.import', { orgs: [], persons: [{ name: '周新', org: d.org.xx1, unitAndPost: '语文教师', phone: '139 1234 5678' }] });
  zhouId = imported.personIds[0];
  invitationId = (await h.ok(d.users.branchSecretary, 'invitation.create', { orgId: d.org.xx1 })).invitationId;
});

const claimsOf = async () => (await h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 })).claims as Data[];

describe('a claim checked against the roster', () => {
  it('when the roster is imported with a phone number, then only its last four digits are stored', async () => {
    // Act
    const stored = h.local.store.get('persons')!.docs.get(zhouId) as Data;

    // Assert
    expect(stored.phoneTail).toBe('5678');
    expect(JSON.stringify(stored)).not.toContain('1234');
  });

  it('when a stranger with the link types a name and a wrong phone tail, then the secretary sees 不符 and what was typed, and cannot approve it', async () => {
    // Arrange
    const claim = await h.ok('o-stranger-1', 'claim.submit', { invitationId, name: '周新', phoneTail: '0000' });

    // Act
    const listed = (await claimsOf()).find((c) => c.claimId === claim.claimId);
    const approve = await expectRefused(h, 'CLAIM.PHONE_MISMATCH', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: true }));

    // Assert: the reply to the stranger said nothing of the check; the secretary's list did; nothing was bound.
    expect(claim).toEqual({ claimId: claim.claimId, status: 'PENDING' });
    expect(listed).toMatchObject({ personName: '周新', enteredName: '周新', enteredPhoneTail: '0000', phoneCheck: 'MISMATCH' });
    expect(approve.message).toContain('不符');
    expect((await h.ok('o-stranger-1', 'me')).bound).toBe(false);
    expect((h.local.store.get('persons')!.docs.get(zhouId) as Data).openid).toBeNull();
    await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: false });
  });

  it('when the claimant leaves the phone tail empty although the roster has one, then the claim cannot be approved', async () => {
    // Arrange
    const claim = await h.ok('o-stranger-2', 'claim.submit', { invitationId, name: '周 新' });

    // Act / Assert
    expect((await claimsOf()).find((c) => c.claimId === claim.claimId)).toMatchObject({ phoneCheck: 'NOT_GIVEN', enteredPhoneTail: null });
    await expectRefused(h, 'CLAIM.PHONE_MISMATCH', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: true }));
    await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: claim.claimId, approve: false });
  });

  it('when a name is not among the invited branch’s open entries, then CLAIM.NAME_NOT_FOUND and nothing is written', async () => {
    await expectRefused(h, 'CLAIM.NAME_NOT_FOUND', () => h.call('o-stranger-3', 'claim.submit', { invitationId, name: '王大锤', phoneTail: '5678' }));
    // A member of another branch is not offered through this branch's link either.
    await expectRefused(h, 'CLAIM.NAME_NOT_FOUND', () => h.call('o-stranger-3', 'claim.submit', { invitationId, name: '何平', phoneTail: '5678' }));
  });

  it('when one WeChat user has made three claims in a day, then a fourth is refused with a Chinese message until a day has passed', async () => {
    // Arrange: three guesses at 周新's tail.
    for (const tail of ['1111', '2222', '3333']) await h.ok('o-guesser', 'claim.submit', { invitationId, name: '周新', phoneTail: tail });

    // Act
    const refused = await expectRefused(h, 'CLAIM.TOO_MANY', () => h.call('o-guesser', 'claim.submit', { invitationId, name: '周新', phoneTail: '5678' }));
    h.clock.advance('25h');
    const later = await h.call('o-guesser', 'claim.submit', { invitationId, name: '周新', phoneTail: '4444' });

    // Assert
    expect(refused.message).toMatch(/明天再试/);
    expect(later.ok).toBe(true);
    for (const c of (await claimsOf()).filter((x) => x.enteredName === '周新')) await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: c.claimId, approve: false });
  });

  it('when the right member types their name and phone tail, then the secretary sees 相符, approves, and a second claim on that person closes with a reason', async () => {
    // Arrange: a stranger claims 周新 first (wrong tail); then 周新 himself.
    const stranger = await h.ok('o-stranger-4', 'claim.submit', { invitationId, name: '周新', phoneTail: '9999' });
    const zhou = await h.ok('o-zhou', 'claim.submit', { invitationId, name: '周新', phoneTail: '5678' });
    expect((await claimsOf()).find((c) => c.claimId === zhou.claimId)).toMatchObject({ phoneCheck: 'MATCH', enteredPhoneTail: '5678' });

    // Act
    const decided = await h.ok(d.users.branchSecretary, 'claim.decide', { claimId: zhou.claimId, approve: true });

    // Assert
    expect(decided).toEqual({ claimId: zhou.claimId, status: 'APPROVED', personId: zhouId });
    expect(await h.ok('o-zhou', 'me')).toMatchObject({ bound: true, person: { id: zhouId, name: '周新' } });
    expect(h.local.store.get('claims')!.docs.get(stranger.claimId)).toMatchObject({ status: 'CLOSED', closedReason: 'PERSON_BOUND' });
    expect((await h.ok('o-stranger-4', 'me')).claim).toMatchObject({ claimId: stranger.claimId, status: 'CLOSED' });
    expect((await claimsOf()).map((c) => c.claimId)).not.toContain(stranger.claimId);
    await expectRefused(h, 'CLAIM.DECIDED', () => h.call(d.users.branchSecretary, 'claim.decide', { claimId: stranger.claimId, approve: true }));
  });
});
