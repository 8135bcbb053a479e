import fc from 'fast-check';
import type { Commitment } from '../contracts/commitment';
import { AnonymousStoredOpinionSchema, StoredOpinionSchema, type OpinionSubmission, type StoredOpinion } from '../contracts/opinion';
import type { Publication, ScopeKind } from '../contracts/publication';
import type { Review, ReviewStatus } from '../contracts/review';
import {
  audience,
  canRead,
  canReadCommitment,
  checkPublicationScope,
  previewAsAudience,
  redactOpinionForReader,
  redactPublicationForReader,
  redactReviewForReader,
  toStoredOpinion,
  type OrgNode,
  type Reader,
  type StoreOpinionContext,
} from './visibility';

const NOW = Date.UTC(2011, 0, 10, 2, 0, 0); // 2011-01-10 10:00 CST
const PRIVATE = 'PRIVATE-NOTE-7f3a';

// Seed 000: 区社会事业局工委 → 党总支 → 支部; and a hospital branch directly below.
const TREE: OrgNode[] = [
  { orgId: 'gw', parentId: null },
  { orgId: 'zz', parentId: 'gw' },
  { orgId: 'b1', parentId: 'zz' },
  { orgId: 'b2', parentId: 'zz' },
  { orgId: 'wsy', parentId: 'gw' },
];

function review(over: Partial<Review> = {}): Review {
  return {
    id: 'rv1', tenantId: 't1', campaignId: 'c1', cycleKey: '2010-H2', sessionId: 's1', rule: 'R1',
    reviewer: { personId: 'sec-b1', name: '王书记', unitAndPost: '一支部书记' },
    target: { kind: 'MEMBER', orgId: 'b1', personId: 'm1', name: '李党员' },
    mode: 'TALK', meetingType: null, topic: null, place: '活动室', reviewedAt: NOW, templateId: 'default-MEMBER',
    aspects: [{ key: 'roleModel', text: '带头作用明显' }], achievements: '成绩', problems: '问题', direction: '方向',
    rectification: { required: true, requirement: '整改要求', deadline: '2011-03-01', imposed: false },
    exemplary: false, exemplaryNote: '', privateNotes: PRIVATE, status: 'PUBLISHED', submittedAt: NOW, publishedAt: NOW,
    history: [{ event: 'REOPEN', from: 'SUBMITTED', to: 'DRAFT', at: NOW, by: 'sec-zz', reason: `${PRIVATE}-reason` }],
    version: 2, createdAt: NOW, updatedAt: NOW, ...over,
  };
}

function publication(kind: ScopeKind, orgId: string, over: Partial<Publication> = {}): Publication {
  return {
    id: 'pub1', tenantId: 't1', campaignId: 'c1', cycleKey: '2010-H2', title: '点评通报', summary: '本期点评情况',
    reviewIds: ['rv1'], scope: { kind, orgId }, organiserId: 'office', status: 'PUBLISHED', publishedAt: NOW,
    version: 1, createdAt: NOW, updatedAt: NOW, ...over,
  };
}

function reader(over: Partial<Reader> = {}): Reader {
  return { tenantId: 't1', personId: 'someone', orgId: 'b1', manager: false, secretaryOf: [], ...over };
}

describe('audience', () => {
  it.each<[ScopeKind, string, string[]]>([
    ['TARGET_ORG', 'b1', ['b1']],
    ['ORG_AND_UPPER', 'b1', ['b1', 'zz']],
    ['ORG_AND_UPPER', 'gw', ['gw']],
    ['SUBTREE', 'zz', ['b1', 'b2', 'zz']],
    ['SUBTREE', 'b2', ['b2']],
    ['TENANT', 'b1', ['b1', 'b2', 'gw', 'wsy', 'zz']],
  ])('when the scope is %s anchored at %s, then the audience orgs are %j', (kind, orgId, expected) => {
    expect(audience(publication(kind, orgId), TREE)).toEqual({ ok: true, value: expected });
  });

  it('when the anchor is not in the tree, then ORG.NOT_FOUND', () => {
    const result = audience(publication('TARGET_ORG', 'nowhere'), TREE);
    expect(result.ok ? null : result.error.code).toBe('ORG.NOT_FOUND');
  });

  it('when the tree has a cycle below the anchor, then SUBTREE still terminates', () => {
    const cyclic: OrgNode[] = [{ orgId: 'a', parentId: null }, { orgId: 'x', parentId: 'y' }, { orgId: 'y', parentId: 'x' }];
    expect(audience(publication('SUBTREE', 'x'), cyclic)).toEqual({ ok: true, value: ['x', 'y'] });
  });
});

describe('canRead and publication views', () => {
  it('when a member of the audience reads a published publication, then yes; a member elsewhere, no', () => {
    const pub = publication('SUBTREE', 'zz');
    expect(canRead(reader({ orgId: 'b2' }), pub, TREE)).toBe(true);
    expect(canRead(reader({ orgId: 'wsy' }), pub, TREE)).toBe(false);
  });

  it('when the publication is a draft, then only its organiser reads it', () => {
    const pub = publication('TENANT', 'gw', { status: 'DRAFT', publishedAt: null });
    expect(canRead(reader({ orgId: 'gw' }), pub, TREE)).toBe(false);
    expect(canRead(reader({ personId: 'office', orgId: null }), pub, TREE)).toBe(true);
  });

  it('when a reader of another tenant asks, then no, even for the widest scope', () => {
    expect(canRead(reader({ tenantId: 't2', orgId: 'gw' }), publication('TENANT', 'gw'), TREE)).toBe(false);
  });

  it('when the reviewer reads the publication, then the review in it carries no private notes', () => {
    const result = redactPublicationForReader(publication('TARGET_ORG', 'b1'), [review()], reader({ personId: 'sec-b1' }), TREE);
    expect(result.ok && result.value.reviews.map((r) => r.id)).toEqual(['rv1']);
    expect(JSON.stringify(result)).not.toContain(PRIVATE);
  });

  it('when the organiser previews as an org inside the scope, then submitted reviews show as they will be published', () => {
    const pub = publication('ORG_AND_UPPER', 'b1', { status: 'DRAFT', publishedAt: null });
    const result = previewAsAudience(pub, [review({ status: 'SUBMITTED', publishedAt: null })], 'zz', TREE);
    expect(result.ok && result.value.reviews.map((r) => [r.id, r.target.name])).toEqual([['rv1', '李党员']]);
    expect(result.ok && result.value.scopeLabel).toBe('本组织及上级党组织');
    expect(JSON.stringify(result)).not.toContain(PRIVATE);
  });

  it('when the organiser previews as an org outside the scope, then SCOPE.FORBIDDEN says it cannot see it', () => {
    const result = previewAsAudience(publication('TARGET_ORG', 'b1'), [review()], 'wsy', TREE);
    expect(result.ok ? null : result.error.code).toBe('SCOPE.FORBIDDEN');
  });

  it('when a draft review or a review outside the audience is put in a publication, then each is an issue', () => {
    const reviews = [review({ id: 'd', status: 'DRAFT' }), review({ id: 'o', target: { kind: 'ORG', orgId: 'wsy', personId: null, name: '卫生院支部' } }), review({ id: 'fine' })];
    const result = checkPublicationScope(publication('SUBTREE', 'zz', { reviewIds: ['d', 'o', 'fine', 'missing'] }), reviews, TREE);
    expect(result.ok ? [] : result.error.issues?.map((i) => i.path)).toEqual([['reviewIds', 0], ['reviewIds', 1], ['reviewIds', 3]]);
  });
});

describe('review redaction', () => {
  const ctx = { publications: [publication('TARGET_ORG', 'b1')], tree: TREE };

  it('when the reviewer reads their review, then they see their private notes and history', () => {
    const result = redactReviewForReader(review(), reader({ personId: 'sec-b1' }), ctx);
    expect(result.ok && result.value.visibility === 'OWN' && result.value.privateNotes).toBe(PRIVATE);
  });

  it('when the target reads a submitted review, then the public view, without private notes', () => {
    const result = redactReviewForReader(review({ status: 'SUBMITTED' }), reader({ personId: 'm1', orgId: 'b1' }), { publications: [], tree: TREE });
    expect(result.ok && result.value.visibility).toBe('PUBLIC');
    expect(JSON.stringify(result)).not.toContain(PRIVATE);
  });

  it('when the secretary of a reviewed org reads its review, then the public view', () => {
    const orgReview = review({ target: { kind: 'ORG', orgId: 'b2', personId: null, name: '二支部' }, status: 'SUBMITTED' });
    const result = redactReviewForReader(orgReview, reader({ personId: 'sec-b2', secretaryOf: ['b2'] }), { publications: [], tree: TREE });
    expect(result.ok && result.value.visibility).toBe('PUBLIC');
  });

  it('when anyone but the reviewer asks for a draft, then SCOPE.FORBIDDEN, managers included', () => {
    const result = redactReviewForReader(review({ status: 'DRAFT' }), reader({ manager: true, personId: 'm1' }), ctx);
    expect(result.ok ? null : result.error.code).toBe('SCOPE.FORBIDDEN');
  });

  it('when a member of another branch asks for a published TARGET_ORG review, then SCOPE.FORBIDDEN', () => {
    const result = redactReviewForReader(review(), reader({ orgId: 'b2' }), ctx);
    expect(result.ok ? null : result.error.code).toBe('SCOPE.FORBIDDEN');
  });

  it('when a reader of another tenant asks, then AUTH.OTHER_TENANT', () => {
    const result = redactReviewForReader(review(), reader({ tenantId: 't2', personId: 'sec-b1' }), ctx);
    expect(result.ok ? null : result.error.code).toBe('AUTH.OTHER_TENANT');
  });
});

describe('commitments are public within the org', () => {
  const commitment: Commitment = {
    id: 'cm', tenantId: 't1', campaignId: 'c1', owner: { kind: 'PERSON', personId: 'm1', orgId: 'b1' },
    items: [{ id: 'i', content: '帮扶两户困难群众', progress: 50, fulfilmentNotes: '' }], date: '2010-05-01',
    version: 0, createdAt: NOW, updatedAt: NOW,
  };
  it('when a member of the same org, the owner or a manager reads, then yes; a member elsewhere, no', () => {
    expect(canReadCommitment(reader({ orgId: 'b1' }), commitment)).toBe(true);
    expect(canReadCommitment(reader({ personId: 'm1', orgId: null }), commitment)).toBe(true);
    expect(canReadCommitment(reader({ orgId: 'gw', manager: true }), commitment)).toBe(true);
    expect(canReadCommitment(reader({ orgId: 'b2' }), commitment)).toBe(false);
    expect(canReadCommitment(reader({ tenantId: 't2', manager: true }), commitment)).toBe(false);
  });
});

describe('opinions', () => {
  const target = { kind: 'MEMBER' as const, orgId: 'b1', personId: 'm1', name: '李党员' };
  const submission: OpinionSubmission = { sessionId: 's1', target, giverKind: 'MEMBER', channel: 'ONLINE', content: '希望多联系群众', anonymous: false };
  const storeCtx = (over: Partial<StoreOpinionContext> = {}): StoreOpinionContext => ({
    id: 'op1', tenantId: 't1',
    session: { id: 's1', tenantId: 't1', targets: [target], opinionsAnonymous: false, opinionDeadline: '2011-01-10' },
    caller: { personId: 'm2', name: '赵党员' }, enteredForRepresentative: false, withdrawKeyHash: null, now: NOW, ...over,
  });

  it('when a member gives a named opinion, then it is stored with them as author and enterer', () => {
    const result = toStoredOpinion(submission, storeCtx());
    expect(result.ok && result.value.anonymous === false && [result.value.authorId, result.value.authorName, result.value.enteredById]).toEqual(['m2', '赵党员', 'm2']);
  });

  it('when the session makes opinions anonymous, then a named submission is stored with no author and only its day', () => {
    const result = toStoredOpinion(submission, storeCtx({ session: { ...storeCtx().session, opinionsAnonymous: true } }));
    expect(result.ok && result.value.anonymous).toBe(true);
    expect(result.ok && result.value.submittedAt).toBe(Date.UTC(2011, 0, 9, 16, 0, 0));
    expect(JSON.stringify(result)).not.toMatch(/m2|赵党员|authorId|enteredById/);
  });

  it('when the organiser enters a representative\'s named opinion without a name, then INPUT.INVALID on giverName', () => {
    const result = toStoredOpinion({ ...submission, giverKind: 'MASSES' }, storeCtx({ enteredForRepresentative: true }));
    expect(result.ok ? null : result.error.issues?.[0].path).toEqual(['giverName']);
  });

  it('when the organiser enters a named representative, then the author has no person id and the organiser is the enterer', () => {
    const result = toStoredOpinion({ ...submission, giverKind: 'MASSES', giverName: '群众代表刘某' }, storeCtx({ enteredForRepresentative: true, caller: { personId: 'office', name: '办公室' } }));
    expect(result.ok && result.value.anonymous === false && [result.value.authorId, result.value.authorName, result.value.enteredById]).toEqual([null, '群众代表刘某', 'office']);
  });

  it('when the opinion deadline day has ended, then OPINION.CLOSED; on its last millisecond it is accepted', () => {
    const last = Date.UTC(2011, 0, 10, 15, 59, 59, 999);
    expect(toStoredOpinion(submission, storeCtx({ now: last })).ok).toBe(true);
    const late = toStoredOpinion(submission, storeCtx({ now: last + 1 }));
    expect(late.ok ? null : late.error.code).toBe('OPINION.CLOSED');
  });

  it('when the target is not in the session, then INPUT.INVALID', () => {
    const result = toStoredOpinion({ ...submission, target: { ...target, personId: 'm9' } }, storeCtx());
    expect(result.ok ? null : result.error.code).toBe('INPUT.INVALID');
  });

  it('when an anonymous stored opinion carries an author field, then the stored schema rejects it', () => {
    const stored = toStoredOpinion({ ...submission, anonymous: true }, storeCtx());
    if (!stored.ok) throw new Error(stored.error.message);
    expect(StoredOpinionSchema.safeParse(stored.value).success).toBe(true);
    expect(StoredOpinionSchema.safeParse({ ...stored.value, authorId: 'm2' }).success).toBe(false);
  });

  it('when the reviewer reads a named opinion, then the author is shown; once withdrawn, not at all', () => {
    const stored = toStoredOpinion(submission, storeCtx());
    if (!stored.ok) throw new Error(stored.error.message);
    const seen = redactOpinionForReader(stored.value, reader({ personId: 'sec-b1' }), { sessionReviewerId: 'sec-b1' });
    expect(seen.ok && seen.value.author).toEqual({ personId: 'm2', name: '赵党员' });
    const withdrawn = redactOpinionForReader({ ...stored.value, status: 'WITHDRAWN' }, reader({ personId: 'sec-b1' }), { sessionReviewerId: 'sec-b1' });
    expect(withdrawn.ok ? null : withdrawn.error.code).toBe('SCOPE.FORBIDDEN');
  });

  it('when the giver reads their own named opinion, then yes; another member, no', () => {
    const stored = toStoredOpinion(submission, storeCtx());
    if (!stored.ok) throw new Error(stored.error.message);
    expect(redactOpinionForReader(stored.value, reader({ personId: 'm2' }), { sessionReviewerId: 'sec-b1' }).ok).toBe(true);
    expect(redactOpinionForReader(stored.value, reader({ personId: 'm3' }), { sessionReviewerId: 'sec-b1' }).ok).toBe(false);
  });
});

// ---------- properties ----------

const treeArb = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 })))).map((parents) =>
    parents.map((p, i) => ({ orgId: `o${i}`, parentId: p < 0 ? null : `o${p}` })),
  ),
);
const PEOPLE = ['sec', 'm1', 'm2', 'office', 'upper', 'x'];
const readerArb = (tree: OrgNode[]) =>
  fc.record({
    tenantId: fc.constantFrom('t1', 't2'),
    personId: fc.constantFrom(...PEOPLE),
    orgId: fc.option(fc.constantFrom(...tree.map((o) => o.orgId), 'outside'), { nil: null }),
    manager: fc.boolean(),
    secretaryOf: fc.subarray(tree.map((o) => o.orgId)),
  });
const scenario = treeArb.chain((tree) =>
  fc.record({
    tree: fc.constant(tree),
    kind: fc.constantFrom<ScopeKind>('TARGET_ORG', 'ORG_AND_UPPER', 'SUBTREE', 'TENANT'),
    anchor: fc.constantFrom(...tree.map((o) => o.orgId)),
    targetOrg: fc.constantFrom(...tree.map((o) => o.orgId)),
    pubStatus: fc.constantFrom<'DRAFT' | 'PUBLISHED'>('DRAFT', 'PUBLISHED'),
    reviewStatus: fc.constantFrom<ReviewStatus>('DRAFT', 'SUBMITTED', 'PUBLISHED'),
    reviewerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
    targetPerson: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
    reader: readerArb(tree),
  }),
);

function ancestorsOrSelf(tree: OrgNode[], id: string): string[] {
  const byId = new Map(tree.map((o) => [o.orgId, o]));
  const out: string[] = [];
  for (let cur: string | null = id; cur !== null && !out.includes(cur); cur = byId.get(cur)?.parentId ?? null) out.push(cur);
  return out;
}

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const pub = publication(s.kind, s.anchor, { status: s.pubStatus, publishedAt: s.pubStatus === 'PUBLISHED' ? NOW : null });
  const rv = review({
    status: s.reviewStatus,
    reviewer: { personId: s.reviewerId, name: '点评人', unitAndPost: '' },
    target: s.targetPerson === null || s.targetPerson === s.reviewerId
      ? { kind: 'ORG', orgId: s.targetOrg, personId: null, name: '某支部' }
      : { kind: 'MEMBER', orgId: s.targetOrg, personId: s.targetPerson, name: '某党员' },
  });
  return { pub, rv };
}

describe('scope properties', () => {
  it('when the audience is computed, then it matches the scope kind over the tree', () => {
    fc.assert(fc.property(scenario, (s) => {
      const result = audience(publication(s.kind, s.anchor), s.tree);
      if (!result.ok) throw new Error(result.error.message);
      const expected = s.tree
        .map((o) => o.orgId)
        .filter((id) => {
          if (s.kind === 'TENANT') return true;
          if (s.kind === 'SUBTREE') return ancestorsOrSelf(s.tree, id).includes(s.anchor);
          if (s.kind === 'ORG_AND_UPPER') return id === s.anchor || id === s.tree.find((o) => o.orgId === s.anchor)?.parentId;
          return id === s.anchor;
        })
        .sort();
      expect(result.value).toEqual(expected);
    }));
  });

  it('when a reader outside the audience orgs is not the organiser, then they can read neither the publication nor its review', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { pub, rv } = build(s);
      const orgs = audience(pub, s.tree);
      if (!orgs.ok) throw new Error('anchor is in the tree');
      const outsider = s.reader.personId !== pub.organiserId && (s.reader.orgId === null || !orgs.value.includes(s.reader.orgId));
      if (outsider) {
        expect(canRead(s.reader, pub, s.tree)).toBe(false);
        expect(redactPublicationForReader(pub, [rv], s.reader, s.tree).ok).toBe(false);
        const related = s.reader.personId === rv.reviewer.personId || s.reader.manager ||
          (rv.target.personId !== null ? s.reader.personId === rv.target.personId : s.reader.secretaryOf.includes(rv.target.orgId));
        if (!related) expect(redactReviewForReader(rv, s.reader, { publications: [pub], tree: s.tree }).ok).toBe(false);
      }
      if (canRead(s.reader, pub, s.tree) && s.reader.personId !== pub.organiserId) {
        expect(pub.status).toBe('PUBLISHED');
        expect(s.reader.tenantId).toBe(pub.tenantId);
        expect(orgs.value).toContain(s.reader.orgId);
      }
    }));
  });

  it('when any output is redacted for any reader, then private notes appear only in the reviewer\'s own view', () => {
    fc.assert(fc.property(scenario, (s) => {
      const { pub, rv } = build(s);
      const own = redactReviewForReader(rv, s.reader, { publications: [pub], tree: s.tree });
      const isReviewer = rv.reviewer.personId !== null && s.reader.personId === rv.reviewer.personId && s.reader.tenantId === rv.tenantId;
      if (!isReviewer) expect(JSON.stringify(own)).not.toContain(PRIVATE);
      expect(JSON.stringify(redactPublicationForReader(pub, [rv], s.reader, s.tree))).not.toContain(PRIVATE);
      for (const o of s.tree) expect(JSON.stringify(previewAsAudience(pub, [rv], o.orgId, s.tree))).not.toContain(PRIVATE);
    }));
  });

  it('when an anonymous opinion is stored, then it has no author and is never redacted to show one, even if a bug smuggled one in', () => {
    const opinionArb = fc.record({
      content: fc.string({ minLength: 1, maxLength: 50 }),
      forced: fc.boolean(),
      smuggle: fc.boolean(),
      status: fc.constantFrom<'SUBMITTED' | 'WITHDRAWN'>('SUBMITTED', 'WITHDRAWN'),
      reader: readerArb([{ orgId: 'b1', parentId: null }]),
      sessionReviewerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
      callerId: fc.uuid(),
    });
    fc.assert(fc.property(opinionArb, (o) => {
      const target = { kind: 'MEMBER' as const, orgId: 'b1', personId: 'm1', name: '李党员' };
      const stored = toStoredOpinion(
        { sessionId: 's1', target, giverKind: 'MEMBER', channel: 'FORM', content: o.content, anonymous: !o.forced },
        {
          id: 'op', tenantId: 't1', session: { id: 's1', tenantId: 't1', targets: [target], opinionsAnonymous: o.forced, opinionDeadline: null },
          caller: { personId: o.callerId, name: `CALLER-${o.callerId}` }, enteredForRepresentative: false, withdrawKeyHash: null, now: NOW,
        },
      );
      if (!stored.ok) throw new Error(stored.error.message);
      expect(AnonymousStoredOpinionSchema.safeParse(stored.value).success).toBe(true);
      expect(Object.keys(stored.value)).not.toEqual(expect.arrayContaining(['authorId']));
      expect(JSON.stringify(stored.value)).not.toContain(o.callerId);
      const doc = (o.smuggle
        ? { ...stored.value, status: o.status, authorId: 'SMUGGLED-id', authorName: 'SMUGGLED-name', enteredById: 'SMUGGLED-by' }
        : { ...stored.value, status: o.status }) as StoredOpinion;
      const view = redactOpinionForReader(doc, o.reader, { sessionReviewerId: o.sessionReviewerId });
      if (view.ok) expect(view.value).not.toHaveProperty('author');
      expect(JSON.stringify(view)).not.toMatch(/SMUGGLED|CALLER-/);
    }));
  });
});
