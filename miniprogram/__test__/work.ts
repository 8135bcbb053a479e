/**
 * Review work over the seed-000 district for page tests, built through the api as the real users would
 * (at the harness clock, FIXTURE_NOW = 2026-11-21): one session already reviewed and published with a
 * rectification for 李娜 (s3), and one open session where reports and opinions are still due.
 */
import type { District, Harness } from '../../cloudfunctions/api/test/harness';

/** Ids of the work the page tests open. */
export interface Work {
  /** Published session: 吴敏 reviewed 李娜, who must rectify. */
  published: { sessionId: string; reviewId: string; rectificationId: string };
  /** Open session: 吴敏 reviews 李娜 and 钱军; reports are due by 2026-11-28, opinions by 2026-11-27. */
  open: { sessionId: string; s3Target: { kind: 'MEMBER'; id: string }; s4Target: { kind: 'MEMBER'; id: string } };
}

interface Template {
  aspects: Array<{ key: string; title: string; filledBy?: string[] }>;
}

/** Builds the review work; call after buildDistrict. */
export async function buildWork(h: Harness, d: District): Promise<Work> {
  const s1 = d.users.branchSecretary;
  const campaignId = d.campaignId;
  await h.ok(d.users.admin, 'campaign.plan', { campaignId });
  const base = { campaignId, orgId: d.org.xx1, mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING', topic: null, place: '实验小学党员活动室', opinionsAnonymous: true };
  const pick = (key: string) => ({ kind: 'MEMBER' as const, id: d.person[key] });

  // Last week's meeting was started the week before it (a plan is checked on the day it is made).
  const now = h.clock.now();
  h.clock.set('2026-11-07T10:00+08:00');
  const first = await h.ok(s1, 'session.start', { ...base, targets: { by: 'PICKED', picks: [pick('s3')] }, date: '2026-11-14', reportDeadline: '2026-11-13', opinionDeadline: '2026-11-13' });
  h.clock.set(now);
  const campaign = (await h.ok(s1, 'campaign.get', { campaignId })) as { templates: Record<string, Template> };
  const aspects = campaign.templates.MEMBER.aspects.filter((a) => !a.filledBy?.length).map((a) => ({ key: a.key, text: `李娜在“${a.title}”方面表现较好。` }));
  const review = first.reviews[0] as { reviewId: string };
  await h.ok(s1, 'review.saveBatch', {
    sessionId: first.sessionId,
    submit: true,
    entries: [
      {
        reviewId: review.reviewId,
        version: 1,
        aspects,
        achievements: '立足本职，公开承诺大部分已兑现，群众评价较好。',
        problems: '理论学习的系统性还不够。',
        direction: '加强理论学习，多为群众办实事。',
        rectification: { required: true, requirement: '制定个人学习计划，年底前书面回复整改情况。', deadline: '2026-12-31', imposed: false },
        exemplary: false,
      },
    ],
  });
  const draft = await h.ok(s1, 'publication.draft', { sessionId: first.sessionId, title: '领导点评情况通报', summary: '点评意见已逐一反馈，请认真整改。', scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 } });
  const published = await h.ok(s1, 'publication.publish', { publicationId: draft.publicationId, version: draft.version });

  const open = await h.ok(s1, 'session.start', { ...base, targets: { by: 'PICKED', picks: [pick('s3'), pick('s4')] }, date: '2026-11-28', reportDeadline: '2026-11-28', opinionDeadline: '2026-11-27' });
  return {
    published: { sessionId: first.sessionId, reviewId: review.reviewId, rectificationId: published.rectificationIds[0] },
    open: { sessionId: open.sessionId, s3Target: pick('s3'), s4Target: pick('s4') },
  };
}
