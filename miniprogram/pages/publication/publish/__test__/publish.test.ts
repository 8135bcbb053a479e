import { tap, textOf, type, usePages } from '../../../../__test__/pages';
import { completeContent } from '../../../../../cloudfunctions/api/test/work.support';
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

describe('汇总通报: several sessions in one notice, then its Word file and the masses\' link', () => {
  /** A submitted review of `key` in a new session of the branch secretary. */
  async function reviewed(key: string, mode: string) {
    const s = await p.h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode,
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person[key] }] },
      date: '2026-11-26',
      place: '实验小学党员活动室',
      reportDeadline: null,
      opinionDeadline: null,
      opinionsAnonymous: true,
    });
    await p.h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews[0].reviewId, version: 1, ...completeContent('MEMBER', false), submit: true });
    return s.sessionId as string;
  }

  test('when 吴敏 picks two sessions, previews and publishes, then one notice carries both and a link for the masses opens that notice only', async () => {
    // Arrange
    const talk = await reviewed('s4', 'TALK');
    const visit = await reviewed('s5', 'ON_SITE');
    p.actAs(d.users.branchSecretary);
    const page = await p.open(route, { compile: '1', orgId: d.org.xx1, kind: 'BRANCH', parentId: d.org.gw, name: encodeURIComponent('新北区实验小学党支部') });
    const index = (id: string) => page.data.sources.findIndex((x: { id: string }) => x.id === id);

    // Act
    await tap(page, `#source-${index(talk)}`);
    await tap(page, `#source-${index(visit)}`);
    await type(page, '#summary', '现将两次点评情况通报如下。');
    await tap(page, '#preview');
    await tap(page, '#publish');
    await tap(page, '#make-link');

    // Assert
    expect(textOf(page)).toMatch(/被点评的：(钱军、郑小雨|郑小雨、钱军)打开Word通报/);
    expect(textOf(page)).toContain('群众查阅链接已生成');
    const card = (page.instance.onShareAppMessage as () => { title: string; path: string })();
    const linkId = new URLSearchParams(card.path.split('?')[1]).get('id') as string;
    const read = await p.h.ok('o-parent', 'notice.open', { linkId });
    expect(read.notice.items.map((i: { target: string }) => i.target).sort()).toEqual(['郑小雨同志', '钱军同志'].sort());
  });

  test('when only one session is picked, then the page asks for two before anything is drafted', async () => {
    const talk = await reviewed('s3', 'TALK');
    p.actAs(d.users.branchSecretary);
    const page = await p.open(route, { compile: '1', orgId: d.org.xx1, kind: 'BRANCH', parentId: d.org.gw, name: encodeURIComponent('新北区实验小学党支部') });

    await tap(page, `#source-${page.data.sources.findIndex((x: { id: string }) => x.id === talk)}`);
    await type(page, '#summary', '现将点评情况通报如下。');
    await tap(page, '#preview');

    expect(textOf(page)).toContain('汇总通报请至少选两次点评活动');
    expect(page.data.draft).toBeNull();
  });
});
