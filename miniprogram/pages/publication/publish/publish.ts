// 发布通报: the reviewer chooses who may read the session's reviews, sees what each audience would see
// (the targets and the branch's members, the upper org) before anything is public, then publishes.
// Opens with one call: `org.get` (the branch and its upper org, the audiences to preview).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors } from '../../../services/api';
import { PUBLISH_PART } from '../../../core/contracts/api/review-work';
import { SCOPE_KIND_LABELS } from '../../../core/contracts/publication';
import type { OrgKind } from '../../../core/contracts/org';
import { defaultPublicationScope } from '../../../core/domain/visibility';

/** The audiences in words: a branch is 本支部, any other org 本组织. */
const scopesFor = (kind: OrgKind | null) => {
  const own = kind === null || kind === 'BRANCH' || kind === 'GROUP' ? '本支部' : '本组织';
  return [
    { value: 'TARGET_ORG', label: own },
    { value: 'ORG_AND_UPPER', label: `${own}和上级党组织` },
    { value: 'SUBTREE', label: '本组织及下级组织' },
    { value: 'TENANT', label: '全单位' },
  ];
};
const SCOPES = scopesFor(null);
type ScopeKind = 'TARGET_ORG' | 'ORG_AND_UPPER' | 'SUBTREE' | 'TENANT';

interface Audience {
  key: string;
  label: string;
  visible: boolean;
  message: string;
  /** Each review with the duty it was given under, so a person reviewed under two duties is told apart. */
  reviews: Array<{ id: string; target: string; duty: string; problems: string; requirement: string }>;
}

// No refresh on re-show: what it reads on load (the branch and its upper org) does not change while it is
// open, the previews are made on each tap of 预览, and the title and summary being typed must stay.
Component({
  behaviors: [pageBehavior],
  data: {
    sessionId: '',
    orgId: '',
    orgName: '',
    parentId: '',
    failed: '',
    title: '领导点评情况通报',
    summary: '',
    scopes: SCOPES,
    scope: 'TARGET_ORG' as ScopeKind,
    draft: null as { publicationId: string; version: number; reviews: number } | null,
    /** 「正在发布 2/3」 while a large notice is published in parts. */
    progress: '',
    audiences: [] as Audience[],
    published: false,
    /** The notice as published, and who can read it: shown after 确认发布 or when opened from a published session. */
    notice: null as { title: string; summary: string; scopeLabel: string; targets: string } | null,
    errors: {} as Record<string, string>,
    /** Why the chosen scope cannot hold every review (e.g. a mobile member registered elsewhere). */
    refused: '',
    busy: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ sessionId: query.sessionId ?? '', orgId: query.orgId ?? '' });
      if (query.published === '1') return this.showPublished();
      const reply = await call('org.get', { orgId: this.data.orgId });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      // An upper org's session reviews orgs and people below it: its notice starts with the scope that holds them.
      const kind = reply.data.org.kind;
      this.setData({ orgName: reply.data.org.name, parentId: reply.data.org.parentId ?? '', scopes: scopesFor(kind), scope: defaultPublicationScope(kind) });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      // A changed text needs a new draft and a new preview before it can be published.
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', refused: '', draft: null, audiences: [] });
    },
    onScope(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ scope: e.detail.value as ScopeKind, refused: '', draft: null, audiences: [] });
    },
    async preview() {
      const d = this.data;
      this.setData({ busy: 'preview' });
      const form = `draft:${d.title}|${d.summary}|${d.scope}`;
      const draft = await call('publication.draft', { sessionId: d.sessionId, title: d.title, summary: d.summary, scope: { kind: d.scope, orgId: d.orgId } }, { intent: formsOf(this).of(form), loading: '生成预览' });
      if (!draft.ok) {
        const errors = fieldErrors(draft.error);
        const others = (draft.error.issues ?? []).filter((i) => i.path[0] !== 'title' && i.path[0] !== 'summary').map((i) => i.message);
        this.setData({ busy: '', errors, refused: others.length ? `${draft.error.message}：${others.join('；')}。请选择更大的公开范围。` : '' });
        return;
      }
      formsOf(this).done(form);
      const targets = [
        { key: 'branch', label: `被点评人和${d.orgName}的党员看到`, orgId: d.orgId },
        ...(d.parentId ? [{ key: 'upper', label: '上级党组织看到', orgId: d.parentId }] : []),
      ];
      const audiences: Audience[] = [];
      for (const t of targets) {
        const seen = await call('publication.preview', { publicationId: draft.data.publicationId, orgId: t.orgId }, { loading: false });
        if (!seen.ok) continue;
        const v = seen.data;
        audiences.push({
          key: t.key,
          label: t.label,
          visible: v.visible,
          message: v.visible ? '' : '不在公开范围内，看不到这份通报',
          reviews: v.view ? v.view.reviews.map((r) => ({ id: r.id, target: r.target.name, duty: r.ruleLabel ?? '', problems: r.problems, requirement: r.rectification.requirement })) : [],
        });
      }
      this.setData({ busy: '', draft: { publicationId: draft.data.publicationId, version: draft.data.version, reviews: draft.data.reviewIds.length }, audiences });
    },
    async publish() {
      const draft = this.data.draft;
      if (!draft) return;
      this.setData({ busy: 'publish' });
      // A notice of more than PUBLISH_PART reviews is published in parts, one call each, the last making it public;
      // a part that fails leaves the rest for 发布 again, which goes on from there.
      const parts = Math.max(1, Math.ceil(draft.reviews / PUBLISH_PART));
      for (let n = 1; ; n++) {
        const progress = parts > 1 ? `正在发布 ${Math.min(n, parts)}/${parts}` : '';
        this.setData({ progress });
        const form = `publish:${draft.publicationId}:${n}`;
        const reply = await call('publication.publish', { publicationId: draft.publicationId, version: draft.version }, { intent: formsOf(this).of(form), loading: progress || '发布中' });
        if (!reply.ok) {
          this.setData({ busy: '', progress: '' });
          return;
        }
        formsOf(this).done(form);
        if (reply.data.remaining === 0 || n > parts + 1) break;
      }
      this.setData({ busy: '', progress: '' });
      wx.showToast({ title: '通报已发布', icon: 'success' });
      this.setData({ published: true });
      // The next step: the notice as published and who can read it.
      const got = await call('publication.get', { publicationId: draft.publicationId }, { loading: false });
      if (got.ok) {
        const n = got.data.publication;
        this.setData({ notice: { title: n.title, summary: n.summary, scopeLabel: n.scopeLabel, targets: n.reviews.map((r) => r.target.name).filter((x, i, all) => all.indexOf(x) === i).join('、') } });
      }
    },
    /** Opened from a published session (its 查看已发布的通报): the session's published notice, in one call. */
    async showPublished() {
      const reply = await call('publication.list', {});
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      // eslint-disable-next-line no-restricted-syntax -- a publication has no machine in the core: DRAFT is only ever its organiser's, and this screen shows the issued one.
      const mine = reply.data.publications.filter((x) => x.sessionId === this.data.sessionId && x.status === 'PUBLISHED');
      const n = mine[mine.length - 1];
      if (!n) {
        this.setData({ failed: '这次点评的通报还没有发布' });
        return;
      }
      this.setData({ published: true, notice: { title: n.title, summary: `共 ${n.reviewCount} 份点评`, scopeLabel: SCOPE_KIND_LABELS[n.scope.kind], targets: '' } });
    },
  },
});
