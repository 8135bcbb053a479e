/**
 * Review content (DOMAIN §4): default aspect templates per target kind from the seeds, the
 * completeness check before submission, and the registration forms of DOMAIN §7 as pure views.
 */
import type { Commitment } from '../contracts/commitment';
import type { Rectification } from '../contracts/rectification';
import {
  MEETING_TYPE_LABELS,
  REVIEW_MODE_LABELS,
  type Review,
  type ReviewSection,
  type ReviewTemplate,
  type TargetKind,
  type TemplateAspect,
} from '../contracts/review';
import { fail, ok, type Result } from '../errors';
import { cstInstantLabel } from './cst';

export interface TemplateOptions {
  /** [003]: 廉洁自律 / 党风廉政建设 aspect. */
  integrity?: boolean;
  /** [003]: service quality of window units facing enterprises and the public. */
  windowService?: boolean;
}

const problemsAndDirection = (title: string): TemplateAspect => ({
  key: 'problemsDirection',
  title,
  hint: '在“存在的问题”和“努力方向”两栏填写',
  filledBy: ['problems', 'direction'],
});

const BASE_ASPECTS: Record<TargetKind, TemplateAspect[]> = {
  // [001] (一) 1–5; [002][004] have the same first four.
  ORG: [
    {
      key: 'progress',
      title: '创先争优活动推进和中心工作',
      hint: '创先争优活动推进情况，以正在做的事情为中心，推动本单位中心工作和重点任务完成的情况',
    },
    { key: 'commitments', title: '公开承诺及兑现', hint: '认真开展公开承诺，切实兑现公开承诺的情况' },
    { key: 'service', title: '服务群众办实事', hint: '促进和谐，服务群众，为群众办实事的情况' },
    {
      key: 'building',
      title: '党组织和党员队伍建设',
      hint: '加强党组织和党员队伍建设，积极创建“五个好”党组织，发挥战斗堡垒作用的情况',
    },
    problemsAndDirection('存在的问题和努力方向'),
  ],
  // [001] (二) 1–4; [002][004] (二).
  MEMBER: [
    {
      key: 'roleModel',
      title: '立足岗位发挥带头作用',
      hint: '积极投身创先争优活动，立足本职工作争创一流业绩，发挥“五带头”作用、完成急难险重任务的情况',
    },
    { key: 'commitments', title: '公开承诺及践行', hint: '认真开展公开承诺，切实践行承诺的情况' },
    { key: 'service', title: '为群众办实事', hint: '联系和服务群众，为群众办实事做好事的情况' },
    problemsAndDirection('存在的不足和努力方向'),
  ],
  // [000]: 带头创先争优和组织党员开展创先争优; [003]: 党建工作直接责任人.
  ORG_LEADER: [
    { key: 'leadByExample', title: '带头创先争优', hint: '作为党员领导干部带头创先争优、争当优秀的情况' },
    {
      key: 'organise',
      title: '组织党员开展创先争优活动',
      hint: '作为落实党建工作责任制的责任人，组织党员开展创先争优活动的情况',
    },
    { key: 'commitments', title: '公开承诺及兑现', hint: '带头开展公开承诺，切实兑现承诺的情况' },
    problemsAndDirection('存在的不足和努力方向'),
  ],
  // [003] 党组（党委）书记要对本班子成员进行点评: leader-like aspects within one's portfolio.
  COMMITTEE_MEMBER: [
    { key: 'leadByExample', title: '带头创先争优', hint: '作为班子成员带头创先争优、争当优秀的情况' },
    {
      key: 'organise',
      title: '履行分管职责、组织开展活动',
      hint: '履行分管职责，组织分管领域党员开展创先争优活动的情况',
    },
    { key: 'commitments', title: '公开承诺及兑现', hint: '带头开展公开承诺，切实兑现承诺的情况' },
    problemsAndDirection('存在的不足和努力方向'),
  ],
};

const INTEGRITY: Record<TargetKind, TemplateAspect> = {
  ORG: { key: 'integrity', title: '党风廉政建设', hint: '党风廉政建设制度落实、反腐倡廉建设情况' },
  MEMBER: { key: 'integrity', title: '廉洁自律', hint: '是否廉洁自律' },
  ORG_LEADER: { key: 'integrity', title: '廉洁自律', hint: '推动惩治和预防腐败体系建设、本人廉洁自律的情况' },
  COMMITTEE_MEMBER: { key: 'integrity', title: '廉洁自律', hint: '落实“一岗双责”、本人廉洁自律的情况' },
};

const WINDOW_SERVICE: TemplateAspect = {
  key: 'windowService',
  title: '窗口服务质量',
  hint: '服务态度、服务质量、服务效果以及为企业、群众办实事解难题的情况',
};

export const TARGET_KIND_LABELS: Record<TargetKind, string> = {
  ORG: '基层党组织',
  MEMBER: '党员',
  ORG_LEADER: '党组织书记',
  COMMITTEE_MEMBER: '班子成员',
};

/** The seeds' default aspect template for a target kind; options add [003]'s integrity and window-service aspects. */
export function defaultTemplate(kind: TargetKind, options: TemplateOptions = {}): ReviewTemplate {
  const base = BASE_ASPECTS[kind];
  const extra = [...(options.integrity ? [INTEGRITY[kind]] : []), ...(options.windowService ? [WINDOW_SERVICE] : [])];
  // Optional aspects go before the closing "problems and direction" aspect, as in [003].
  const aspects = [...base.slice(0, -1), ...extra, base[base.length - 1]].map((a) => ({ ...a }));
  const suffix = `${options.integrity ? '-integrity' : ''}${options.windowService ? '-window' : ''}`;
  return { id: `default-${kind}${suffix}`, targetKind: kind, name: `${TARGET_KIND_LABELS[kind]}点评`, aspects };
}

export const SECTION_LABELS: Record<ReviewSection, string> = {
  achievements: '取得的成绩',
  problems: '存在的问题',
  direction: '努力方向',
};

const blank = (s: string | null | undefined) => (s ?? '').trim().length === 0;

/** Before submission: every aspect, the three sections, place, and the rectification requirement (with deadline when required). */
export function checkComplete(review: Review, template: ReviewTemplate): Result<true> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  if (template.targetKind !== review.target.kind) {
    issues.push({ path: ['templateId'], message: `点评模板适用于${TARGET_KIND_LABELS[template.targetKind]}，与点评对象不符` });
  }
  for (const aspect of template.aspects) {
    if (aspect.filledBy && aspect.filledBy.length > 0) continue; // checked with the sections below
    const entry = review.aspects.find((a) => a.key === aspect.key);
    if (!entry || blank(entry.text)) issues.push({ path: ['aspects', aspect.key], message: `请填写「${aspect.title}」` });
  }
  for (const section of ['achievements', 'problems', 'direction'] as const) {
    if (blank(review[section])) issues.push({ path: [section], message: `请填写「${SECTION_LABELS[section]}」` });
  }
  if (blank(review.place)) issues.push({ path: ['place'], message: '请填写「点评地点」' });
  if (blank(review.rectification.requirement)) {
    issues.push({ path: ['rectification', 'requirement'], message: '请填写「整改要求」' });
  }
  if (review.rectification.required && review.rectification.deadline === null) {
    issues.push({ path: ['rectification', 'deadline'], message: '要求整改时须填写「整改期限」' });
  }
  if (issues.length === 0) return ok(true);
  const missing = issues.map((i) => i.message.replace(/^请填写|^要求整改时须填写/, '')).join('、');
  return fail('REVIEW.INCOMPLETE', `点评内容不完整，请填写：${missing}`, issues);
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** 承诺事项及完成情况: the owner's commitments, item by item with progress and notes, oldest first. */
export function commitmentsText(commitments: readonly Commitment[]): string {
  const items = [...commitments]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
    .flatMap((c) => c.items);
  return items
    .map((item, i) => `${i + 1}. ${item.content}（完成${item.progress}%）${blank(item.fulfilmentNotes) ? '' : `：${item.fulfilmentNotes.trim()}`}`)
    .join('\n');
}

/** 点评内容: the template's own aspects in order, numbered as on the forms. */
export function reviewContentText(review: Review, template: ReviewTemplate): string {
  return template.aspects
    .filter((a) => !a.filledBy || a.filledBy.length === 0)
    .map((a, i) => {
      const t = review.aspects.find((e) => e.key === a.key)?.text.trim() ?? '';
      return `（${CHINESE_ORDINALS[i] ?? i + 1}）${a.title}：${t}`;
    })
    .join('\n');
}

/** The key of the one commitment a review's target owns in a campaign (`PERSON:<id>` / `ORG:<id>`). */
export function commitmentOwnerKey(target: { personId: string | null; orgId: string }): string {
  return target.personId === null ? `ORG:${target.orgId}` : `PERSON:${target.personId}`;
}

/** The commitments among these that are the review target's own in the review's campaign. */
export function commitmentsOfTarget(review: Review, commitments: readonly Commitment[]): Commitment[] {
  const t = review.target;
  return commitments.filter(
    (c) =>
      c.campaignId === review.campaignId &&
      (t.personId === null
        ? c.owner.kind === 'ORG' && c.owner.orgId === t.orgId
        : c.owner.kind === 'PERSON' && c.owner.personId === t.personId),
  );
}

function modeText(review: Review): string {
  const mode = REVIEW_MODE_LABELS[review.mode];
  if (review.meetingType) return `${mode}（${MEETING_TYPE_LABELS[review.meetingType]}）`;
  if (review.mode === 'THEMATIC' && review.topic) return `${mode}（${review.topic}）`;
  return mode;
}

/** The org registration form [000 附件1][003 附件2]; kept by the org and its upper org. */
export interface OrgRegistrationForm {
  time: string;
  place: string;
  orgName: string;
  memberCount: number;
  /** 承诺事项及完成情况 / 前段小结 */
  commitmentsAndFulfilment: string;
  reviewerName: string;
  reviewerUnitAndPost: string;
  mode: string;
  /** 点评内容: the aspects */
  reviewContent: string;
  /** 主要成绩 */
  achievements: string;
  /** 存在的问题和不足 */
  problems: string;
  /** 下阶段工作建议 */
  suggestions: string;
  /** 整改要求 */
  rectificationRequirement: string;
  /** 整改落实打算: the target's plan once it has one */
  rectificationPlan: string;
}

export interface OrgFormInput {
  template: ReviewTemplate;
  memberCount: number;
  commitments: readonly Commitment[];
  rectification: Rectification | null;
}

/** Maps an ORG review, its org's commitments and its rectification onto the org form; never includes private notes. */
export function orgRegistrationForm(review: Review, input: OrgFormInput): OrgRegistrationForm {
  return {
    time: cstInstantLabel(review.reviewedAt),
    place: review.place,
    orgName: review.target.name,
    memberCount: input.memberCount,
    commitmentsAndFulfilment: commitmentsText(commitmentsOfTarget(review, input.commitments)),
    reviewerName: review.reviewer.name,
    reviewerUnitAndPost: review.reviewer.unitAndPost,
    mode: modeText(review),
    reviewContent: reviewContentText(review, input.template),
    achievements: review.achievements,
    problems: review.problems,
    suggestions: review.direction,
    rectificationRequirement: review.rectification.requirement,
    rectificationPlan: input.rectification?.plan ?? '',
  };
}

/** The member registration form [000 附件2][003 附件3]; kept by the member's org (领导点评党员档案). */
export interface MemberRegistrationForm {
  time: string;
  place: string;
  memberName: string;
  unitAndPost: string;
  orgName: string;
  commitmentsAndFulfilment: string;
  reviewerName: string;
  reviewerUnitAndPost: string;
  mode: string;
  reviewContent: string;
  achievements: string;
  problems: string;
  direction: string;
  /** 整改意见建议 */
  rectificationSuggestions: string;
  /** 整改落实打算 */
  rectificationPlan: string;
  /** 点评问题整改落实情况: the state label, then the written reply if any */
  rectificationStatus: string;
}

export interface MemberFormInput {
  template: ReviewTemplate;
  unitAndPost: string;
  orgName: string;
  commitments: readonly Commitment[];
  rectification: Rectification | null;
  /** Status labels for the rectification, e.g. from workflow's display status at `now`. */
  rectificationStatusLabel: string;
}

/** Maps a person's review (MEMBER, ORG_LEADER, COMMITTEE_MEMBER) onto the member form; never includes private notes. */
export function memberRegistrationForm(review: Review, input: MemberFormInput): MemberRegistrationForm {
  const r = input.rectification;
  const status = !review.rectification.required
    ? '无需整改'
    : `${input.rectificationStatusLabel}${r && !blank(r.reply) ? `：${r.reply.trim()}` : ''}`;
  return {
    time: cstInstantLabel(review.reviewedAt),
    place: review.place,
    memberName: review.target.name,
    unitAndPost: input.unitAndPost,
    orgName: input.orgName,
    commitmentsAndFulfilment: commitmentsText(commitmentsOfTarget(review, input.commitments)),
    reviewerName: review.reviewer.name,
    reviewerUnitAndPost: review.reviewer.unitAndPost,
    mode: modeText(review),
    reviewContent: reviewContentText(review, input.template),
    achievements: review.achievements,
    problems: review.problems,
    direction: review.direction,
    rectificationSuggestions: review.rectification.requirement,
    rectificationPlan: r?.plan ?? '',
    rectificationStatus: status,
  };
}

/** Phrases a reviewer writes in 整改要求 when nothing is to be rectified. */
const NO_RECTIFICATION = /^(继续保持|无|没有|无需整改|不需要整改|暂无)[。.！!]?$/;

/** True when a 整改要求 asks for something to be rectified (so a written reply and a deadline are due), not 继续保持. */
export function impliesRectification(requirement: string): boolean {
  const t = requirement.trim();
  return t.length > 0 && !NO_RECTIFICATION.test(t);
}

/** A template the office edited (saved in the campaign) rather than a seed default built from the options. */
export function isEditedTemplate(template: ReviewTemplate): boolean {
  return !template.id.startsWith('default-');
}

/** The [003] aspects the office may add to any template of this kind (廉洁自律 / 党风廉政建设, 窗口服务质量). */
export function optionalAspects(kind: TargetKind): TemplateAspect[] {
  return [{ ...INTEGRITY[kind] }, { ...WINDOW_SERVICE }];
}

/** A key for a new aspect that no aspect of the template has (keys tie written answers to their aspect). */
export function newAspectKey(aspects: ReadonlyArray<Pick<TemplateAspect, 'key'>>): string {
  const taken = new Set(aspects.map((a) => a.key));
  let n = aspects.length + 1;
  while (taken.has(`aspect${n}`)) n += 1;
  return `aspect${n}`;
}

/**
 * The campaign's `templates` after the office saves one kind's aspects: the other edited templates are
 * kept, defaults stay defaults (so the [003] options still shape them), and the saved one gets an id of
 * its own (`edited-<kind>-<version>`). `aspects` null puts the kind back on its default.
 */
export function templatesAfterEdit(current: Readonly<Partial<Record<TargetKind, ReviewTemplate>>>, kind: TargetKind, aspects: TemplateAspect[] | null, campaignVersion: number): Partial<Record<TargetKind, ReviewTemplate>> {
  const kept = Object.fromEntries(Object.entries(current).filter(([k, t]) => k !== kind && t && isEditedTemplate(t))) as Partial<Record<TargetKind, ReviewTemplate>>;
  if (!aspects) return kept;
  return { ...kept, [kind]: { id: `edited-${kind}-${campaignVersion + 1}`, targetKind: kind, name: current[kind]?.name ?? `${TARGET_KIND_LABELS[kind]}点评`, aspects } };
}
