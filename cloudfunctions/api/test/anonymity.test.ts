/**
 * Anonymity against whoever holds the database (issue 10, docs/anonymity.md): 200+ anonymous and named
 * opinions with withdrawals and replacements go through main(event); then the raw data folder (journal
 * and snapshot) and every collection are searched with the joins that re-identified givers before —
 * same write, stored order, timestamps, audit rows, idempotency rows — and none names a giver better
 * than chance. Also the threshold, one opinion per giver per target, and 录入人.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ANONYMITY_NOTICE } from '../../../miniprogram/core/contracts/opinion';
import { apiHarness, buildDistrict, freshDistrict, FIXTURE_NOW, type Data, type District } from './harness';
import { setAnonymityThreshold, startSession } from './work.support';

const h = apiHarness();
let d: District;

afterEach(() => h.clock.set(FIXTURE_NOW));

const docs = (collection: string) => [...(h.local.store.get(collection)?.docs.values() ?? [])] as Data[];
const DAY = 24 * 3600 * 1000;
const isCstMidnight = (t: number) => (t + 8 * 3600 * 1000) % DAY === 0;

/** Binds bulk members of 实验小学党支部 as extra givers: openid → person id. */
async function bindGivers(count: number): Promise<Map<string, string>> {
  const bulk = docs('persons').filter((p) => p.orgId === d.org.xx1 && /^党员\d+$/.test(p.name)).slice(0, count);
  const givers = new Map<string, string>([[d.users.member, d.person.s3]]);
  for (const [i, p] of bulk.entries()) {
    const openid = `o-giver-${i}`;
    const invitation = await h.ok(d.users.admin, 'invitation.create', { orgId: d.org.xx1 });
    const claim = await h.ok(openid, 'claim.submit', { invitationId: invitation.invitationId, personId: p._id });
    await h.ok(d.users.admin, 'claim.decide', { claimId: claim.claimId, approve: true });
    givers.set(openid, p._id);
  }
  return givers;
}

/** A deterministic shuffle (mulberry32), so the order of givers in the test is not a pattern an attack could lean on. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('the operator cannot name anonymous givers', () => {
  beforeAll(async () => {
    h.local.reset();
    d = await buildDistrict(h, 60);
  });

  it('when 200+ anonymous and named opinions are given, withdrawn and replaced, then neither the data folder nor any collection links an anonymous opinion to its giver better than chance', async () => {
    // Arrange: 13 givers of 实验小学党支部, 6 sessions on 孙丽, 钱军 and 郑小雨, a new device key per anonymous opinion.
    const givers = await bindGivers(12);
    const giverIds = new Set(givers.values());
    const persons = new Map(docs('persons').map((p) => [p._id, p]));
    const truth = new Map<string, string>(); // content of an anonymous opinion → its giver's person id
    let n = 0;
    const sessions: string[] = [];
    for (let s = 0; s < 6; s++) sessions.push((await startSession(h, d, { anonymous: s % 3 === 0, keys: ['s2', 's4', 's5'] })).sessionId);
    const anonymousKeys: Array<{ openid: string; key: string; sessionId: string; target: string }> = [];

    // Act: every giver on every target of every session, in a shuffled order; every third chooses to be named.
    for (const [si, sessionId] of sessions.entries()) {
      const sessionAnonymous = si % 3 === 0;
      const calls = shuffled([...givers.keys()].flatMap((openid) => ['s2', 's4', 's5'].map((target) => ({ openid, target }))), 1000 + si);
      for (const { openid, target } of calls) {
        n += 1;
        const anonymous = sessionAnonymous || n % 3 !== 0;
        const content = `意见第${n}条：希望加强学习，带好青年教师。`;
        const key = `device-key-${n}-0123456789abcdef`;
        const reply = await h.ok(openid, 'opinion.submit', { sessionId, target: { kind: 'MEMBER', id: d.person[target] }, giverKind: 'MEMBER', channel: 'ONLINE', content, anonymous, withdrawKey: key });
        if (reply.anonymous) {
          truth.set(content, givers.get(openid) as string);
          anonymousKeys.push({ openid, key, sessionId, target });
        } else if (n % 7 === 0) {
          // Withdrawn when named, given again anonymously: the two must not meet in any document.
          await h.ok(openid, 'opinion.withdraw', { opinionId: reply.opinionId });
          const again = `意见第${n}条（改为匿名）：希望加强学习。`;
          await h.ok(openid, 'opinion.submit', { sessionId, target: { kind: 'MEMBER', id: d.person[target] }, giverKind: 'MEMBER', channel: 'ONLINE', content: again, anonymous: true, withdrawKey: `again-${n}-0123456789abcdef` });
          truth.set(again, givers.get(openid) as string);
        }
      }
      h.clock.advance('2h');
    }
    // Replacements and withdrawals of anonymous opinions with the device key, on a later day.
    h.clock.advance('1d');
    for (const [i, given] of shuffled(anonymousKeys, 7).slice(0, 40).entries()) {
      await h.ok(given.openid, 'opinion.withdraw', { withdrawKey: given.key });
      if (i % 2 === 0) {
        n += 1;
        const content = `意见第${n}条：修改后的意见，请多听取群众意见。`;
        await h.ok(given.openid, 'opinion.submit', { sessionId: given.sessionId, target: { kind: 'MEMBER', id: d.person[given.target] }, giverKind: 'MEMBER', channel: 'ONLINE', content, anonymous: true, withdrawKey: `replacement-${n}-0123456789abcdef` });
        truth.set(content, givers.get(given.openid) as string);
      }
    }
    const dir = path.join(h.local.dataDir, 'database');
    const journal = fs.readFileSync(path.join(dir, 'journal.ndjson'), 'utf8').split('\n').filter(Boolean);
    h.local.store.compact();
    const snapshot = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as { collections: Record<string, Data[]> };

    // Assert: enough of each kind was written.
    const opinions = docs('opinions');
    const anonymousOpinions = opinions.filter((o) => o.anonymous);
    expect(opinions.length).toBeGreaterThanOrEqual(200);
    expect(anonymousOpinions.length).toBeGreaterThanOrEqual(150);
    expect(opinions.filter((o) => !o.anonymous).length).toBeGreaterThanOrEqual(50);
    expect(anonymousOpinions.filter((o) => o.status === 'WITHDRAWN').length).toBe(40);
    const giverOf = (o: Data) => truth.get(o.content) as string;
    expect(anonymousOpinions.every((o) => giverIds.has(giverOf(o)))).toBe(true);
    const identifiers = new Map<string, string>(); // any string naming a giver → that giver
    for (const [openid, personId] of givers) for (const id of [openid, personId, persons.get(personId).name]) identifiers.set(id, personId);
    const named = (text: string) => [...identifiers.keys()].filter((id) => text.includes(JSON.stringify(id).slice(1, -1)));
    const chance = anonymousOpinions.length / givers.size;

    // Join 1, the same write: no journal line that touches an anonymous opinion names any giver.
    const anonIds = new Set(anonymousOpinions.map((o) => o._id));
    const sameLine = journal.filter((line) => [...anonIds].some((id) => line.includes(id)));
    expect(sameLine.length).toBeGreaterThanOrEqual(anonymousOpinions.length);
    expect(sameLine.flatMap(named)).toEqual([]);
    // … nor through a document both lines write: no slot or request record on such a line is on a line that names a giver.
    const docIds = (line: string) => line.match(/\b(os|rq)_[0-9a-z_]+/g) ?? [];
    const onAnonymousLines = new Set(sameLine.flatMap(docIds));
    const onNamingLines = journal.filter((line) => named(line).length > 0).flatMap(docIds);
    expect(onNamingLines.filter((id) => onAnonymousLines.has(id))).toEqual([]);

    // Join 2, stored order: pair the i-th anonymous opinion with the i-th opinion audit row that names an actor.
    const stored = snapshot.collections;
    const storedAnon = stored.opinions.filter((o) => o.anonymous);
    const actorRows = stored.audit.filter((r) => r.action.startsWith('opinion.') && r.actorPersonId);
    const byOrder = storedAnon.filter((o, i) => actorRows[i]?.actorPersonId === giverOf(o)).length;
    expect(byOrder).toBeLessThanOrEqual(2 * chance + 5);
    // … and the anonymous acts' own rows, in the same order, name nobody.
    const anonymousRows = stored.audit.filter((r) => r.action.startsWith('opinion.') && r.actorPersonId === null);
    expect(anonymousRows.length).toBeGreaterThanOrEqual(anonymousOpinions.length);
    expect(anonymousRows.every((r) => r.actorOpenid === null && isCstMidnight(r.at))).toBe(true);

    // Join 3, timestamps: an anonymous opinion's times are days; no row that names someone shares one.
    for (const o of anonymousOpinions) {
      expect(isCstMidnight(o.submittedAt)).toBe(true);
      if (o.withdrawnAt !== null) expect(isCstMidnight(o.withdrawnAt)).toBe(true);
    }
    const anonTimes = new Set(anonymousOpinions.flatMap((o) => [o.submittedAt, o.withdrawnAt]).filter((t) => t !== null));
    const byTime = stored.audit.filter((r) => r.actorPersonId && anonTimes.has(r.at));
    expect(byTime).toEqual([]);

    // Join 4, audit and idempotency rows: none points at an anonymous opinion or carries its key; their ids are one-way.
    const audit = JSON.stringify(stored.audit);
    expect([...anonIds].filter((id) => audit.includes(id))).toEqual([]);
    expect(anonymousOpinions.filter((o) => o.withdrawKeyHash && audit.includes(o.withdrawKeyHash))).toEqual([]);
    expect(stored.audit.filter((r) => [...givers.keys()].some((openid) => r._id.includes(openid)))).toEqual([]);

    // Join 5, slots: they name nobody and share no value with an opinion beyond tenant and session.
    const slotText = JSON.stringify(stored.opinionSlots);
    expect(named(slotText)).toEqual([]);
    expect(stored.opinionSlots.every((s) => Object.keys(s).sort().join() === '_id,sessionId,tag,taken,tenantId,version')).toBe(true);
    expect(anonymousOpinions.filter((o) => slotText.includes(o._id) || (o.withdrawKeyHash && slotText.includes(o.withdrawKeyHash)))).toEqual([]);

    // Everything at once: no stored document or journal line holds both an anonymous opinion and a giver.
    for (const [name, rows] of Object.entries(stored)) {
      for (const row of rows) {
        const text = JSON.stringify(row);
        if ([...anonIds].some((id) => text.includes(id))) expect({ name, named: named(text) }).toEqual({ name, named: [] });
      }
    }
  });
});

describe('threshold, one per giver, 录入人', () => {
  beforeEach(async () => {
    d = await freshDistrict(h, 60);
  });

  const opinion = (sessionId: string, extra: Record<string, unknown> = {}) => ({
    sessionId,
    target: { kind: 'MEMBER', id: d.person.s4 },
    giverKind: 'MEMBER',
    channel: 'ONLINE',
    content: '建议多参加集体学习',
    anonymous: true,
    ...extra,
  });
  const onS4 = async (openid: string, sessionId: string) =>
    (await h.ok(openid, 'opinion.list', { sessionId })).targets.find((t: Data) => t.target.personId === d.person.s4);

  it('when fewer than 3 givers answered, then the reviewer sees the rule on that day, 已收到 2 条，满 3 人后显示 after, and no content', async () => {
    // Arrange
    const givers = await bindGivers(3);
    const s = await startSession(h, d, { keys: ['s4'] });
    const [a, b, c] = [...givers.keys()];
    await h.ok(a, 'opinion.submit', opinion(s.sessionId, { content: '第一条匿名意见' }));
    await h.ok(b, 'opinion.submit', opinion(s.sessionId, { content: '第二条匿名意见' }));

    // Act + Assert: not the moment it arrives, nor the next day while only two answered.
    expect(await onS4(d.users.branchSecretary, s.sessionId)).toMatchObject({ count: 0, opinions: [], pending: '匿名意见满 3 人后显示，当天提交的次日起显示' });
    h.clock.advance('1d');
    expect(await onS4(d.users.branchSecretary, s.sessionId)).toMatchObject({ count: 0, opinions: [], pending: '已收到 2 条，满 3 人后显示' });

    // The third giver: shown the next day, all three, in an order that is not their arrival order.
    await h.ok(c, 'opinion.submit', opinion(s.sessionId, { content: '第三条匿名意见' }));
    expect((await onS4(d.users.branchSecretary, s.sessionId)).count).toBe(0);
    h.clock.advance('1d');
    const shown = await onS4(d.users.branchSecretary, s.sessionId);
    expect(shown).toMatchObject({ count: 3, pending: null });
    const ids = shown.opinions.map((o: Data) => o.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('when an anonymous opinion is withdrawn, then the reviewer does not see it happen until the next day', async () => {
    const givers = await bindGivers(3);
    await setAnonymityThreshold(h, d, 2);
    const s = await startSession(h, d, { keys: ['s4'] });
    const [a, b, c] = [...givers.keys()];
    for (const [i, openid] of [a, b, c].entries()) await h.ok(openid, 'opinion.submit', opinion(s.sessionId, { content: `匿名意见${i}`, withdrawKey: `device-key-${i}-0123456789abcdef` }));
    h.clock.advance('1d');
    expect((await onS4(d.users.branchSecretary, s.sessionId)).count).toBe(3);

    await h.ok(b, 'opinion.withdraw', { withdrawKey: 'device-key-1-0123456789abcdef' });

    expect((await onS4(d.users.branchSecretary, s.sessionId)).count).toBe(3);
    h.clock.advance('1d');
    expect((await onS4(d.users.branchSecretary, s.sessionId)).count).toBe(2);
  });

  it('when the session shows opinions after the deadline, then fewer than the threshold are shown once it has passed', async () => {
    const givers = await bindGivers(1);
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] },
      date: '2026-11-25', place: '活动室', opinionDeadline: '2026-11-22', opinionsAnonymous: true, revealOpinionsAfterDeadline: true,
    });
    await h.ok([...givers.keys()][0], 'opinion.submit', opinion(started.sessionId));
    h.clock.advance('1d');
    expect((await onS4(d.users.branchSecretary, started.sessionId)).pending).toBe('已收到 1 条，满 3 人后显示');
    h.clock.set('2026-11-23T09:00+08:00');
    expect((await onS4(d.users.branchSecretary, started.sessionId)).count).toBe(1);
  });

  it('when one member gives a second opinion on the same target, then it is refused and nothing is written; after withdrawing with the phone key they may give again', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s4'] });
    await h.ok(d.users.member, 'opinion.submit', opinion(s.sessionId, { withdrawKey: 'first-device-key-0123456789' }));
    const before = JSON.stringify([docs('opinions'), docs('opinionSlots'), docs('audit').length]);

    // Act
    const again = await h.call(d.users.member, 'opinion.submit', opinion(s.sessionId, { content: '同样的意见再提一次', withdrawKey: 'second-device-key-0123456789' }));
    const named = await h.call(d.users.member, 'opinion.submit', opinion(s.sessionId, { content: '换成实名再提一次', anonymous: false }));

    // Assert
    expect(again).toMatchObject({ ok: false, error: { code: 'OPINION.ALREADY_GIVEN' } });
    expect(named).toMatchObject({ ok: false, error: { code: 'OPINION.ALREADY_GIVEN' } });
    expect(JSON.stringify([docs('opinions'), docs('opinionSlots'), docs('audit').length])).toBe(before);
    await h.ok(d.users.member, 'opinion.withdraw', { withdrawKey: 'first-device-key-0123456789' });
    expect(await h.call(d.users.member, 'opinion.submit', opinion(s.sessionId, { content: '修改后的意见', withdrawKey: 'third-device-key-0123456789' }))).toMatchObject({ ok: true });
    expect(docs('opinions').filter((o) => o.status === 'SUBMITTED').map((o) => o.content)).toEqual(['修改后的意见']);
  });

  it('when another member withdraws an opinion with its stolen key, then their own slot is not freed by it', async () => {
    // Arrange
    const other = [...(await bindGivers(1)).keys()][1];
    const s = await startSession(h, d, { keys: ['s4'] });
    await h.ok(d.users.member, 'opinion.submit', opinion(s.sessionId, { withdrawKey: 'li-na-device-key-0123456789' }));
    await h.ok(other, 'opinion.submit', opinion(s.sessionId, { content: '另一条意见', withdrawKey: 'other-device-key-0123456789' }));

    // Act
    await h.ok(other, 'opinion.withdraw', { withdrawKey: 'li-na-device-key-0123456789' });

    // Assert
    expect(await h.call(other, 'opinion.submit', opinion(s.sessionId, { content: '再来一条', withdrawKey: 'more-device-key-0123456789' }))).toMatchObject({ ok: false, error: { code: 'OPINION.ALREADY_GIVEN' } });
  });

  it('when a reviewer types in an opinion in a member\'s name, then it is refused; a representative\'s opinion shows 录入人', async () => {
    // Arrange
    await setAnonymityThreshold(h, d, 1);
    const s = await startSession(h, d, { keys: ['s4'] });

    // Act
    const asMember = await h.call(d.users.branchSecretary, 'opinion.submit', opinion(s.sessionId, { anonymous: false, giverKind: 'MEMBER', giverName: '李娜', channel: 'MEETING' }));
    await h.ok(d.users.branchSecretary, 'opinion.submit', opinion(s.sessionId, { anonymous: false, giverKind: 'MASSES', giverName: '王大爷', channel: 'MEETING', content: '希望多来社区' }));

    // Assert
    expect(asMember).toMatchObject({ ok: false, error: { code: 'OPINION.ON_BEHALF_MEMBER' } });
    expect(docs('opinions')).toHaveLength(1);
    const [view] = (await onS4(d.users.admin, s.sessionId)).opinions;
    expect(view).toMatchObject({ author: { personId: null, name: '王大爷' }, enteredBy: { name: '吴敏' } });
  });

  it('when the notice is read, then it tells the giver that WeChat receives the text with their identity', () => {
    expect(ANONYMITY_NOTICE).toContain('微信会收到意见文字和您的微信身份');
    expect(ANONYMITY_NOTICE).toContain('不足规定人数');
  });
});
