/**
 * Lists are not cut at 1,000 (issue 9): an org with more members than one page of the cloud's
 * reads is listed whole by org.get, found whole by a typed name in claim.submit, named whole by claim.list, and sampled from
 * whole by a RANDOM session.
 */
import { FIXTURE_NOW, apiHarness, buildDistrict, type Data, type District } from './harness';

const h = apiHarness();
let d: District;
const EXTRA = 1005;

beforeAll(async () => {
  h.clock.set(FIXTURE_NOW);
  d = await buildDistrict(h);
  // 1,005 more members of 实验小学党支部, named so that they sort after everyone already there.
  const persons = Array.from({ length: EXTRA }, (_, i) => ({ name: `郑${String(i).padStart(4, '0')}`, org: d.org.xx1, isMember: true }));
  await h.ok(d.users.admin, 'roster.import', { orgs: [], persons });
}, 60_000);

const registered = () => [...(h.local.store.get('persons')?.docs.values() ?? [])].filter((p) => (p as Data).orgId === d.org.xx1) as Data[];

describe('an org of more than 1,000 members', () => {
  it('when org.get reads it, then every member is listed', async () => {
    const got = await h.ok(d.users.admin, 'org.get', { orgId: d.org.xx1 });
    expect(got.persons).toHaveLength(registered().length);
    expect(got.persons.length).toBeGreaterThan(1000);
  });

  it('when a newcomer whose name sorts last types it into the invitation, then it is found past the first 1,000', async () => {
    // The invitation lists no names (docs/privacy.md): the newcomer types theirs, matched across the whole org.
    const last = registered().find((p) => p.name === `郑${String(EXTRA - 1).padStart(4, '0')}`)!;
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    await h.ok('o-typed', 'claim.submit', { invitationId: invitation.invitationId, name: last.name });
    const claims = [...(h.local.store.get('claims')?.docs.values() ?? [])] as Data[];
    expect(claims.filter((c) => c.openid === 'o-typed').map((c) => c.personId)).toEqual([last._id]);
  });

  it('when someone whose name sorts last claims their entry, then the secretary sees their name in the claims', async () => {
    const last = registered().find((p) => p.name === `郑${String(EXTRA - 1).padStart(4, '0')}`)!;
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    await h.ok('o-last', 'claim.submit', { invitationId: invitation.invitationId, personId: last._id });
    const claims = await h.ok(d.users.branchSecretary, 'claim.list', { orgId: d.org.xx1 });
    expect(claims.claims.map((c: Data) => [c.personId, c.personName])).toContainEqual([last._id, last.name]);
  });

  it('when the secretary draws a random sample, then it is drawn from every member, not the first page', async () => {
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'RANDOM',
      targets: { by: 'RANDOM', targetKind: 'MEMBER', size: 3 },
      date: '2026-11-21',
      place: '党员活动室',
      opinionsAnonymous: false,
    });
    expect(started.randomSample.population.length).toBeGreaterThan(1000);
  });
});
