import { textOf, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
const route = 'pages/publication/publish/publish';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

/** A session of `openid` from `orgId` on the picked targets. */
async function sessionOf(openid: string, orgId: string, picks: Array<{ kind: string; id: string }>) {
  return p.h.ok(openid, 'session.start', {
    campaignId: d.campaignId,
    orgId,
    mode: 'INDIVIDUAL',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks },
    date: '2026-11-28',
    place: '会议室',
    reportDeadline: null,
    opinionDeadline: null,
    opinionsAnonymous: true,
  });
}

describe('发布通报 starts with the audience that holds the session’s reviews', () => {
  test('when the 工委 secretary publishes his review of a branch and its secretary, then the notice starts with 本组织及下级组织 and no choice speaks of 本支部', async () => {
    // Arrange
    const s = await sessionOf(d.users.committeeSecretary, d.org.gw, [{ kind: 'ORG', id: d.org.xx1 }, { kind: 'ORG_LEADER', id: d.person.s1 }]);
    p.actAs(d.users.committeeSecretary);

    // Act
    const page = await p.open(route, { sessionId: s.sessionId, orgId: d.org.gw });

    // Assert
    expect(page.data.scope).toBe('SUBTREE');
    expect(textOf(page)).toContain('本组织和上级党组织');
    expect(textOf(page)).not.toContain('本支部');
  });

  test('when a branch secretary publishes her review of members, then the notice starts with 本支部', async () => {
    // Arrange
    const s = await sessionOf(d.users.branchSecretary, d.org.xx1, [{ kind: 'MEMBER', id: d.person.s4 }]);
    p.actAs(d.users.branchSecretary);

    // Act
    const page = await p.open(route, { sessionId: s.sessionId, orgId: d.org.xx1 });

    // Assert
    expect(page.data.scope).toBe('TARGET_ORG');
    expect(textOf(page)).toContain('本支部和上级党组织');
  });
});
