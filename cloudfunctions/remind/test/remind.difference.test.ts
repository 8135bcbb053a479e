/**
 * The difference test of opinion reminders (issue 23, findings 1 and 2): two runs of the same tenant that
 * differ only in who gave anonymously and who holds an OPINION_DUE credit must leave database folders
 * that someone without ANONYMITY_KEY cannot tell apart — the same collections, the same number of
 * journal lines and documents, in the same order, with the same statuses and the same value lengths —
 * across several firings (3 days, 2 days and 1 day before the opinion deadline, and a second firing on
 * a reminder day). A third run with one giver fewer shows the comparison sees a real difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { clearOutbox, grantSubscription, readOutbox } from '../../../local/src/services';
import { type District } from '../../api/test/harness';
import { buildSeed000 } from '../../api/test/progress.support';
import { bind } from '../../api/test/work.support';
import { deadlineSession, remindHarness } from './remind.support';

const { h, fireAt } = remindHarness();

/** Who gives anonymously on which target (in this order), and who accepted an opinion reminder. */
interface Variant {
  gives: Array<[giver: string, target: 's3' | 's4']>;
  credit: string;
}

/**
 * Ids made by newId (`<prefix>_<time>_<hash>`, base 36) differ in length from run to run with the random
 * request ids, not with anything a member did: they count as one id wherever they appear.
 */
const ids = (text: string) => text.replace(/\b[a-z]{1,8}_[0-9a-z]{5,}_[0-9a-z]{6,}\b/g, '<id>');

/** What an operator without the key sees of a value: statuses as they are, every other value by its type and length. */
function shape(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key === 'status' ? value : `str:${ids(value).length}`;
  if (typeof value === 'number') return 'num';
  if (Array.isArray(value)) return value.map((v) => shape(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, k)]));
  return value;
}

/**
 * One journal line (one committed batch) by shape. Lines keep their order; the documents inside one batch
 * are compared as a set, because a batch's inner order follows the random ids (the plan writes its
 * requirements by id), the same in kind whoever gave.
 */
function lineShape(line: string): unknown {
  const { o, ...rest } = JSON.parse(line) as { o?: unknown[] };
  return { ...(shape(rest) as object), o: (o ?? []).map((op) => JSON.stringify(shape(op))).sort() };
}

/** The database folder as the operator reads it: every file, every line, every document, by shape. */
function folderShape(): Record<string, unknown[]> {
  const dir = join(h.local.dataDir, 'database');
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map(lineShape)]),
  );
}

/** One whole run from an empty database: the tenant, the session, the opinions, the subscription, four firings. */
async function run(v: Variant): Promise<{ folder: Record<string, unknown[]>; sent: string[] }> {
  h.local.reset();
  clearOutbox();
  h.clock.set('2026-11-21T10:00+08:00');
  const d: District = await buildSeed000(h);
  for (const [k, o] of [['s2', 'o-s2'], ['s4', 'o-s4'], ['s5', 'o-s5']]) await bind(h, d, k, o);
  const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });
  const sessionId = await deadlineSession(h, d);
  let n = 0;
  for (const [giver, target] of v.gives) {
    n++;
    await h.ok(`o-${giver}`, 'opinion.submit', { sessionId, target: member(target), giverKind: 'MEMBER', channel: 'ONLINE', content: `意见${n}：建议加强学习`, anonymous: true, withdrawKey: `device-key-${n}-0123456789abcdef` });
  }
  grantSubscription(`o-${v.credit}`, [REMINDER_TEMPLATE_IDS.OPINION_DUE]);
  await h.ok(`o-${v.credit}`, 'subscription.record', { accepted: ['OPINION_DUE'], rejected: [] });
  for (const at of ['2026-12-05T10:00+08:00', '2026-12-06T10:00+08:00', '2026-12-07T10:00+08:00', '2026-12-07T16:00+08:00']) await fireAt(at);
  return { folder: folderShape(), sent: readOutbox({ templateId: REMINDER_TEMPLATE_IDS.OPINION_DUE }).map((m) => m.touser) };
}

describe('what the database keeps of opinion reminders', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  it('when two runs differ only in who gave anonymously and who holds the credit, then their database folders cannot be told apart without the key, across four firings', async () => {
    // Arrange: in A the credit holder 郑小雨 (s5) has not finished and 孙丽 (s2) has; in B it is the other way round.
    const a: Variant = { gives: [['s2', 's3'], ['s2', 's4'], ['s5', 's3']], credit: 's5' };
    const b: Variant = { gives: [['s5', 's3'], ['s5', 's4'], ['s2', 's3']], credit: 's5' };

    // Act
    const runA = await run(a);
    const runB = await run(b);

    // Assert: the platform saw different sends (so the runs really differ), the database did not.
    expect(runA.sent).toEqual(['o-s5']);
    expect(runB.sent).toEqual([]);
    expect(Object.keys(runA.folder)).toEqual(['journal.ndjson']);
    expect(runB.folder).toEqual(runA.folder);
  });

  it('when one run has a giver fewer, then the same comparison tells the folders apart', async () => {
    // Arrange
    const a: Variant = { gives: [['s2', 's3'], ['s2', 's4'], ['s5', 's3']], credit: 's5' };
    const fewer: Variant = { gives: [['s2', 's3'], ['s2', 's4']], credit: 's5' };

    // Act
    const runA = await run(a);
    const runFewer = await run(fewer);

    // Assert
    expect(runFewer.folder).not.toEqual(runA.folder);
  });

  it('when keyed reminders are sealed for sessions whose reviewers have names of different lengths, then every sealed value has the same length', async () => {
    // Arrange: the last run's rows are of 吴敏's session; a second session of 黄海 (a longer page and text) due the same day.
    const rowsBefore = [...(h.local.store.get('reminders')?.docs.values() ?? [])] as Array<{ sealed?: string }>;
    const { sealValue } = await import('../../api/src/shared/anonymity');
    const key = process.env.ANONYMITY_KEY as string;
    const short = { page: 'pages/opinion/give/give?sessionId=s1', text: '请对吴敏的点评提意见，2026-12-08截止', facts: { kind: 'OPINION_DUE', reviewerName: '吴敏', sessionId: 's1', deadline: '2026-12-08' }, openid: 'o-s5', outcome: null };
    const long = { ...short, text: '请对欧阳建国同志（党总支书记）的点评提意见，2026-12-08截止', facts: { ...short.facts, reviewerName: '欧阳建国同志（党总支书记）', sessionId: 'session-with-a-much-longer-id-000000' } };

    // Act
    const lengths = [sealValue(key, short).length, sealValue(key, long).length, ...rowsBefore.flatMap((r) => (r.sealed ? [r.sealed.length] : []))];

    // Assert
    expect(rowsBefore.some((r) => r.sealed)).toBe(true);
    expect(new Set(lengths).size).toBe(1);
  });
});
