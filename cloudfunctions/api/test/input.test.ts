/**
 * Input that must not be stored as sent (issue 10, items 7–9): the one text type (NFC, no control,
 * format or unpaired surrogate characters, names need a visible character) on every text field of
 * every contract, found by walking the contracts; field-level Chinese messages; inconsistent input
 * refused with nothing written.
 */
import { PERMISSIONS, type ActionName } from '../../../miniprogram/core/domain/permissions';
import { FIELD_LABELS } from '../../../miniprogram/core/contracts/field-labels';
import { IdSchema, isCstDateSchema, isTextSchema } from '../../../miniprogram/core/contracts/review';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { defOf, wrapped } from './contract-walk';
import { digest } from './frame-cases';
import { submittedSession } from './work.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

/** Every string field of a schema that is not a text, date or id schema, and every object key, by path. */
function walk(schema: unknown, path: string[], out: { strings: string[][]; keys: Set<string> }, depth = 0): void {
  if (depth > 14 || isTextSchema(schema) || isCstDateSchema(schema) || schema === IdSchema) return;
  const def = defOf(schema);
  const inner = wrapped(def);
  if (inner) return walk(inner, path, out, depth + 1);
  switch (def.type) {
    case 'string':
      out.strings.push(path);
      return;
    case 'object':
      for (const [key, inner] of Object.entries(def.shape ?? {})) {
        out.keys.add(key);
        walk(inner, [...path, key], out, depth + 1);
      }
      return;
    case 'array':
      return walk(def.element, [...path, '[]'], out, depth + 1);
    case 'record':
      return walk(def.valueType, [...path, '{}'], out, depth + 1);
    case 'intersection':
      walk(def.left, path, out, depth + 1);
      return walk(def.right, path, out, depth + 1);
    case 'union':
      for (const option of def.options ?? []) walk(option, path, out, depth + 1);
      return;
    default:
      return;
  }
}

/**
 * Strings that are not text a person writes: tokens and keys the program makes or reads (a device's
 * withdraw key, WeChat's CloudID and group id, a page cursor, the tenant's code, roster row keys, a
 * cycle key, a cloud file id). Each is checked by its own pattern or length.
 */
const NOT_TEXT = new Set(['withdrawKey', 'cloudID', 'opengid', 'cursor', 'tenantId', 'key', 'parent', 'org', 'inflowOrg', 'cycleKey', 'fileID', 'ref', 'secretaryOf', 'committeeOf', 'liaisonOrgs', 'mobileInflowOrg', 'id', 'personIds', 'phoneTail']);

describe('the contracts', () => {
  const found = { strings: [] as string[][], keys: new Set<string>() };
  for (const name of Object.keys(PERMISSIONS) as ActionName[]) {
    const spec = (actions as ActionTable)[name];
    if (spec) walk(spec.input, [name], found);
  }

  it('when every action contract is walked, then every string field a person writes is the one text type', () => {
    const plain = found.strings.filter((path) => !NOT_TEXT.has([...path].reverse().find((k) => k !== '[]' && k !== '{}') ?? ''));
    expect(plain.map((p) => p.join('.'))).toEqual([]);
    expect(found.strings.length).toBeGreaterThan(0);
  });

  it('when every action contract is walked, then every field has a Chinese name for its messages', () => {
    expect([...found.keys].filter((k) => !Object.prototype.hasOwnProperty.call(FIELD_LABELS, k))).toEqual([]);
  });
});

describe('text (item 7)', () => {
  const BAD = ['\u200b', '\u0000', 'a\u0000b', '\u202e管理员', '\ud800', '李\udc00娜', '王\ufeff五'];

  it.each(BAD.map((s) => [JSON.stringify(s), s]))('when a person is named %s, then INPUT.INVALID names the field and nothing is written', async (_label, name) => {
    // Arrange
    const before = digest(h);

    // Act
    const reply = await h.call(d.users.admin, 'person.create', { orgId: d.org.xx1, name });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['name'], message: expect.stringMatching(/^名称：/) }] } });
    expect(digest(h)).toBe(before);
  });

  it('when texts carry a lone surrogate, a bidi override or a NUL, then every text field refuses them — an opinion, a review, a place', async () => {
    const s = await h.ok(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false });
    const before = digest(h);
    const opinion = await h.call(d.users.member, 'opinion.submit', { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, giverKind: 'MEMBER', channel: 'ONLINE', content: '好\ud800', anonymous: false });
    const place = await h.call(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] }, date: '2026-11-25', place: '\u202e室动活', opinionsAnonymous: false });
    const review = await h.call(d.users.branchSecretary, 'review.save', { reviewId: s.reviews[0].reviewId, version: 1, problems: 'a\u0000b' });
    for (const reply of [opinion, place, review]) expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(digest(h)).toBe(before);
  });

  it('when a name is written in decomposed form, then it is stored NFC-normalised; a multi-line text keeps its line breaks', async () => {
    const created = await h.ok(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '  Jose\u0301 ' });
    const stored = h.local.store.get('persons')?.docs.get(created.id) as Data;
    expect(stored.name).toBe('José');
    expect(await h.call(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '王\n五' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const s = await h.ok(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] }, date: '2026-11-26', place: '活动室', opinionsAnonymous: false });
    expect(await h.call(d.users.member, 'opinion.submit', { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, giverKind: 'MEMBER', channel: 'ONLINE', content: '第一点。\n第二点。', anonymous: false })).toMatchObject({ ok: true });
  });
});

describe('messages (item 9)', () => {
  it('when a campaign start date has the wrong shape, then the message names the field and says what to write', async () => {
    const reply = await h.call(d.users.admin, 'campaign.create', { name: '活动', start: '2026/07/01', end: '2026-12-31' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['start'], message: '活动开始日期：请按 2026-07-01 的格式填写日期' }] } });
  });

  it('when fields have the wrong type or length, then each message is the field in Chinese and what to do, with no type names or English', async () => {
    const reply = await h.call(d.users.admin, 'person.create', { orgId: {}, name: 'x'.repeat(500), unitAndPost: 7 });
    expect(reply.ok).toBe(false);
    const issues = (reply as { error: { issues: Array<{ path: string[]; message: string }> } }).error.issues;
    expect(Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]))).toEqual({ orgId: '党组织：请填写文字', name: '名称：最多 64 个字，请删减', unitAndPost: '单位及职务：请填写文字' });
  });
});

describe('inconsistent input (item 8)', () => {
  /** Calls, expects INPUT-level refusal with `code`, and that nothing was written. */
  async function refused(code: string, call: () => Promise<{ ok: boolean }>): Promise<Data> {
    const before = digest(h);
    const reply = await call();
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(digest(h)).toBe(before);
    return reply;
  }

  it('when a publication lists the same review three times, then it is refused, not counted three times', async () => {
    const s = await submittedSession(h, d);
    const review = s.reviews.s3;
    await refused('INPUT.INVALID', () =>
      h.call(d.users.branchSecretary, 'publication.draft', { sessionId: s.sessionId, title: '通报', summary: '总体良好。', scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 }, reviewIds: [review, review, review] }),
    );
  });

  it('when a template has two aspects with the same key, then the campaign is refused', async () => {
    const aspect = { key: 'a1', title: '岗位作用', hint: '' };
    await refused('INPUT.INVALID', () =>
      h.call(d.users.admin, 'campaign.create', { name: '重复要点', start: '2026-01-01', end: '2026-12-31', templates: { MEMBER: { id: 'tpl-x', targetKind: 'MEMBER', name: '党员模板', aspects: [aspect, { ...aspect, title: '另一个' }] } } }),
    );
  });

  it('when a plain member is made liaison leader of her own branch, directly or through the roster, then it is refused', async () => {
    await refused('INPUT.INVALID', () => h.call(d.users.admin, 'liaison.assign', { leaderId: d.person.s3, orgId: d.org.xx1 }));
    const reply = await refused('ORG.TREE_INVALID', () =>
      h.call(d.users.admin, 'roster.import', { orgs: [], persons: [{ name: '新党员', org: d.org.xx1, isMember: true, secretaryOf: [], committeeOf: [], liaisonOrgs: [d.org.xx1] }] }),
    );
    expect(JSON.stringify(reply)).toContain('本人所在的党组织');
  });

  it('when an assistance point targets the assisting org itself, then it is refused', async () => {
    const tenant = await h.ok(d.users.admin, 'tenant.get', {});
    await refused('ORG.EXTERNAL_ID_CLASH', () => h.call(d.users.admin, 'tenant.update', { version: tenant.version, assistances: [{ id: 'as1', assistingOrgId: d.org.gw, targetOrgId: d.org.gw, targetName: '工委自己' }] }));
  });

  it('when a mobile member’s inflow org is their own org, then person.create and person.update refuse it', async () => {
    await refused('INPUT.INVALID', () => h.call(d.users.admin, 'person.create', { orgId: d.org.xx1, name: '流动党员', flags: { mobile: { inflowOrgId: d.org.xx1 } } }));
    const { version } = h.local.store.get('persons')?.docs.get(d.person.s4) as Data;
    await refused('INPUT.INVALID', () => h.call(d.users.admin, 'person.update', { personId: d.person.s4, version, flags: { mobile: { inflowOrgId: d.org.xx1 } } }));
  });

  it('when campaign.update shrinks the period past an existing session, then it is refused and planning still works', async () => {
    await h.ok(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false });
    const campaign = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await refused('CAMPAIGN.INVALID_PERIOD', () => h.call(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: campaign.version, end: '2026-10-31' }));
    expect(await h.call(d.users.admin, 'campaign.plan', { campaignId: d.campaignId })).toMatchObject({ ok: true });
  });

  it('when a payload carries a __proto__ key, then it is refused instead of silently dropped', async () => {
    const payload = JSON.parse('{"orgId":"x","name":"张三","__proto__":{"admin":true}}');
    payload.orgId = d.org.xx1;
    const reply = await refused('INPUT.INVALID', () => h.call(d.users.admin, 'person.create', payload));
    expect(reply.error.issues[0].path).toEqual(['__proto__']);
  });
});
