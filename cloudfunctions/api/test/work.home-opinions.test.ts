/**
 * 待办's 提意见 through main(event): a session stays in `opinionsToGive` while the member still owes an
 * opinion on some target they are asked about, and leaves once each has a taken slot of theirs — named
 * or anonymous (docs/anonymity.md) — and comes back when an anonymous opinion is withdrawn. Home only
 * reads: asking it writes nothing that would say who gave.
 */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { bind } from './work.support';

const h = apiHarness();

const member = (d: District, k: string) => ({ kind: 'MEMBER', id: d.person[k] });
let d: District;
let sessionId: string;

/** Every document of every collection, as JSON by collection and id. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of h.local.store.names()) for (const [id, doc] of h.local.store.get(name)?.docs ?? []) out.set(`${name}/${id}`, JSON.stringify(doc));
  return out;
}

const listed = async (openid: string) => ((await h.ok(openid, 'home')).opinionsToGive as Data[]).map((s) => s.sessionId);
const opinion = (openid: string, target: string, anonymous: boolean, n: number) =>
  h.ok(openid, 'opinion.submit', {
    sessionId,
    target: member(d, target),
    giverKind: 'MEMBER',
    channel: 'ONLINE',
    content: `意见${n}：希望加强理论学习`,
    anonymous,
    ...(anonymous ? { withdrawKey: `device-key-${n}-0123456789abcdef` } : {}),
  });

beforeAll(async () => {
  // 吴敏 reviews 李娜 and 钱军; 孙丽 (s2) and 郑小雨 (s5) are asked on both, 李娜 on 钱军 only.
  d = await buildDistrict(h);
  await bind(h, d, 's2', 'o-s2');
  await bind(h, d, 's5', 'o-s5');
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    targets: { by: 'PICKED', picks: [member(d, 's3'), member(d, 's4')] },
    date: '2026-12-10',
    place: '实验小学党员活动室',
    reportDeadline: '2026-12-08',
    opinionDeadline: '2026-12-08',
    opinionsAnonymous: false,
  });
  sessionId = started.sessionId;
});

describe('待办 stops asking for opinions already given', () => {
  it('when a member has given a named opinion on one of two targets, then the session is still listed, and once on both it is not', async () => {
    // Arrange
    expect(await listed('o-s2')).toContain(sessionId);

    // Act
    await opinion('o-s2', 's3', false, 1);
    const afterOne = await listed('o-s2');
    await opinion('o-s2', 's4', false, 2);
    const afterBoth = await listed('o-s2');

    // Assert
    expect(afterOne).toContain(sessionId);
    expect(afterBoth).not.toContain(sessionId);
  });

  it('when a member has given anonymous opinions on every target, then the session is no longer listed, and asking home writes nothing', async () => {
    // Arrange
    await opinion('o-s5', 's3', true, 3);
    expect(await listed('o-s5')).toContain(sessionId);
    await opinion('o-s5', 's4', true, 4);
    const before = snapshot();

    // Act
    const after = await listed('o-s5');

    // Assert
    expect(after).not.toContain(sessionId);
    const changed = [...snapshot()].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    expect(changed).toEqual([]);
  });

  it('when a target gives an anonymous opinion on the one other target they are asked about, then the session leaves their list', async () => {
    // Arrange: 李娜 is asked only about 钱军.
    const asked = ((await h.ok(d.users.member, 'home')).opinionsToGive as Data[]).find((s) => s.sessionId === sessionId);
    expect(asked.targets.map((t: Data) => t.personId)).toEqual([d.person.s4]);

    // Act
    await opinion(d.users.member, 's4', true, 5);

    // Assert
    expect(await listed(d.users.member)).not.toContain(sessionId);
  });

  it('when an anonymous opinion is withdrawn, then the session is listed again for its giver only', async () => {
    // Act
    await h.ok('o-s5', 'opinion.withdraw', { withdrawKey: 'device-key-4-0123456789abcdef' });

    // Assert
    expect(await listed('o-s5')).toContain(sessionId);
    expect(await listed('o-s2')).not.toContain(sessionId);
  });
});
