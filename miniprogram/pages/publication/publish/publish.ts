// 发布通报: the reviewer chooses who may read the session's reviews, sees what each audience would see
// (the targets and the branch's members, the upper org) before anything is public, then publishes.
// Opens with one call: `org.get` (the branch and its upper org, the audiences to preview); 汇总通报 (`compile=1`,
// from 本支部, which passes the org's name, kind and parent) opens with `notice.sources` instead: the sessions to pick.
// Once issued, the notice opens as a Word file (form.notice) and goes to the masses as a group card (notice.link).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors } from '../../../services/api';
import { PUBLISH_PART } from '../../../core/contracts/api/review-work';
import { exportAndOpen } from '../../../services/files';
import { SCOPE_KIND_LABELS } from '../../../core/contracts/publication';
import type { OrgKind } from '../../../core/contracts/org';
import { defaultPublicationScope } from '../../../core/domain/visibility';
import { cstDateOf } from '../../../core/domain/cst';
import { cstDateLabel } from '../../../services/format';

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
    /** 汇总通报: several sessions compiled into one notice, picked here. */
    compile: false,
    sources: [] as Array<{ id: string; label: string; counts: string; picked: boolean }>,
    /** The issued notice: for its Word file and the masses' link. */
    publicationId: '',
    link: null as { linkId: string; until: string } | null,
    wordBusy: false,
    linkBusy: false,
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
      if (query.compile === '1') return this.loadSources(query);
      const reply = await call('org.get', { orgId: this.data.orgId });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      // An upper org's session reviews orgs and people below it: its notice starts with the scope that holds them.
      const kind = reply.data.org.kind;
      this.setData({ orgName: reply.data.org.name, parentId: reply.data.org.parentId ?? '', scopes: scopesFor(kind), scope: defaultPublicationScope(kind) });
    },
    /** 汇总通报: this org's sessions that have reviews to publish or already published, newest first. */
    async loadSources(query: Record<string, string | undefined>) {
      const kind = (query.kind ?? 'BRANCH') as OrgKind;
      this.setData({ compile: true, orgName: decodeURIComponent(query.name ?? ''), parentId: query.parentId ?? '', scopes: scopesFor(kind), scope: defaultPublicationScope(kind) });
      const reply = await call('notice.sources', {});
      if (!reply.ok) {
        this.setData({ failed: reply.error.message, orgName: '' });
        return;
      }
      const sources = reply.data.sessions
        .filter((x) => x.orgId === this.data.orgId)
        .map((x) => ({ id: x.id, label: x.label, counts: [x.published ? `已公开${x.published}份` : '', x.submitted ? `待公开${x.submitted}份` : ''].filter(Boolean).join('，'), picked: false }));
      this.setData({ sources, ...(sources.length ? {} : { failed: '还没有可以汇总的点评：点评提交后才能汇总通报' }) });
    },
    /** Picks or unpicks a session for the notice; the draft and previews are then made anew. */
    togglePick(e: WechatMiniprogram.BaseEvent) {
      const i = Number((e.currentTarget.dataset as { index: number }).index);
      this.setData({ [`sources[${i}].picked`]: !this.data.sources[i].picked, refused: '', draft: null, audiences: [] });
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
      const picked = d.sources.filter((x) => x.picked).map((x) => x.id);
      if (d.compile && picked.length < 2) {
        this.setData({ refused: '汇总通报请至少选两次点评活动' });
        return;
      }
      this.setData({ busy: 'preview' });
      const form = `draft:${d.title}|${d.summary}|${d.scope}|${picked.join(',')}`;
      const sessions = d.compile ? { sessionId: picked[0], sessionIds: picked.slice(1) } : { sessionId: d.sessionId };
      const draft = await call('publication.draft', { ...sessions, title: d.title, summary: d.summary, scope: { kind: d.scope, orgId: d.orgId } }, { intent: formsOf(this).of(form), loading: '生成预览' });
      if (!draft.ok) {
        const errors = fieldErrors(draft.error);
        const others = (draft.error.issues ?? []).filter((i) => i.path[0] !== 'title' && i.path[0] !== 'summary').map((i) => i.message);
        const hint = draft.error.code === 'INPUT.INVALID' ? '请选择更大的公开范围。' : '';
        const refused = others.length ? `${draft.error.message}：${others.join('；')}。${hint}` : errors.title || errors.summary ? '' : draft.error.message;
        this.setData({ busy: '', errors, refused });
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
      this.setData({ published: true, publicationId: draft.publicationId });
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
      this.setData({ published: true, publicationId: n.id, notice: { title: n.title, summary: `共 ${n.reviewCount} 份点评`, scopeLabel: SCOPE_KIND_LABELS[n.scope.kind], targets: '' } });
    },
    /** 打开Word通报: the issued notice as a printable written notice, opened with the menu to forward or print. */
    async openWord() {
      this.setData({ wordBusy: true });
      await exportAndOpen('form.notice', { publicationId: this.data.publicationId });
      this.setData({ wordBusy: false });
    },
    /** 发给群众: a link that opens this notice only, for a card in a group of the masses (家长群, 居民群). */
    async makeLink() {
      this.setData({ linkBusy: true });
      const reply = await call('notice.link', { publicationId: this.data.publicationId }, { intent: formsOf(this).of(`link:${this.data.publicationId}`), loading: '生成链接' });
      this.setData({ linkBusy: false });
      if (!reply.ok) return;
      formsOf(this).done(`link:${this.data.publicationId}`);
      this.setData({ link: { linkId: reply.data.linkId, until: cstDateLabel(cstDateOf(reply.data.expiresAt)) } });
    },
    /** 收回链接: the card in the group no longer opens the notice. */
    async revokeLink() {
      const link = this.data.link;
      if (!link) return;
      const reply = await call('notice.revoke', { linkId: link.linkId }, { intent: formsOf(this).of(`revoke:${link.linkId}`), loading: '收回中' });
      if (!reply.ok) return;
      formsOf(this).done(`revoke:${link.linkId}`);
      wx.showToast({ title: '链接已收回', icon: 'success' });
      this.setData({ link: null });
    },
    /** The masses' card: it opens the notice page with the link, nothing else of the app. */
    onShareAppMessage() {
      const link = this.data.link;
      const title = this.data.notice?.title ?? '领导点评情况通报';
      return link ? { title: `${title}（请群众查阅）`, path: `/pages/notice/read/read?id=${encodeURIComponent(link.linkId)}` } : { title, path: '/pages/home/index/index' };
    },
  },
});
