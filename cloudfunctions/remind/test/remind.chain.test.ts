/**
 * The chain of delayed tasks that drives `remind` where no timer trigger exists (云函数 V2, issue 25): the api
 * arms it when it sees none, exactly one chain lives (a lease of conditional writes), each link schedules the
 * next 10-minute mark before working, a duplicate or replaced link stops, and a member cannot drive it.
 */
import { callFunction, fireDelayedTask, moveDelayedTasks, pendingDelayedTasks, resetTimers, runDueTimers } from '../../../local/src/services';
import type { Db } from '../../api/src/frame/db';
import { delayedTaskSchedule, forgetChainLook, keepChainAlive } from '../../api/src/shared/remind-chain';
import { type Data } from '../../api/test/harness';
import { remindHarness } from './remind.support';

const { h, docs } = remindHarness();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require('wx-server-sdk') as { database(): Db };
const db = sdk.database();
const schedule = delayedTaskSchedule(sdk as never);
const at = (iso: string) => Date.parse(iso);
const lease = () => docs('schedules').find((d) => d._id === 'remind');
const linkOf = (task: { data: string }) => (JSON.parse(task.data) as { remindChain: { chainId: string; seq: number } }).remindChain;
/** Walks the clock to `iso` firing what falls due (delayed tasks only: no timer, as in V2). */
const walkTo = async (iso: string) => {
  h.clock.set(iso);
  return runDueTimers({ triggers: [] });
};

describe('the remind chain', () => {
  beforeAll(() => {
    h.clock.freeze();
    h.clock.set('2026-11-21T10:03:20+08:00');
    resetTimers();
  });
  afterAll(() => {
    h.clock.reset();
    h.clock.set('2026-11-21T10:00+08:00');
  });

  it('when two api instances find no chain at the same moment, then exactly one is armed, its first link due at the next 10-minute mark', async () => {
    // Act: the second call starts as another instance would (it has not looked yet).
    const first = keepChainAlive(db, schedule, h.clock.now());
    forgetChainLook();
    const second = keepChainAlive(db, schedule, h.clock.now());
    const outcomes = await Promise.all([first, second]);

    // Assert
    expect([...outcomes].sort()).toEqual(['ARMED', 'LOST_RACE']);
    const tasks = pendingDelayedTasks();
    expect(tasks.map((t) => [t.functionName, t.at])).toEqual([['remind', at('2026-11-21T10:10+08:00')]]);
    expect(linkOf(tasks[0])).toEqual({ chainId: lease()?.chainId, seq: 0 });
  });

  it('when the clock walks an hour, then a link runs remind at each mark and schedules exactly the next one', async () => {
    // Act
    const fired = await walkTo('2026-11-21T11:05+08:00');

    // Assert
    expect(fired.map((f) => [f.at, (f.outcome as Data).result.chain])).toEqual(['10:10', '10:20', '10:30', '10:40', '10:50', '11:00'].map((t) => [at(`2026-11-21T${t}+08:00`), 'RUN']));
    expect(fired.every((f) => Array.isArray((f.outcome as Data).result.replanned))).toBe(true);
    expect(pendingDelayedTasks().map((t) => [t.at, linkOf(t).seq])).toEqual([[at('2026-11-21T11:10+08:00'), 6]]);
    expect(lease()).toEqual(expect.objectContaining({ seq: 6, nextAt: at('2026-11-21T11:10+08:00'), ranAt: at('2026-11-21T11:00+08:00') }));
  });

  it('when a link that already ran is delivered again, then it finds the lease moved on and stops without scheduling', async () => {
    // Arrange
    const chainId = lease()?.chainId as string;
    const before = pendingDelayedTasks();

    // Act
    const outcome = await fireDelayedTask({ name: 'remind', data: JSON.stringify({ remindChain: { chainId, seq: 5 } }) });

    // Assert
    expect(outcome).toEqual({ result: { chain: 'STALE' } });
    expect(pendingDelayedTasks()).toEqual(before);
    expect(lease()?.seq).toBe(6);
  });

  it('when a member calls remind with the live link, then the call is refused and the chain is untouched', async () => {
    // Arrange
    const live = linkOf(pendingDelayedTasks()[0]);
    const before = lease();

    // Act
    const outcome = await callFunction({ name: 'remind', data: { remindChain: live }, openid: 'o-s3' });

    // Assert
    // Nothing said, as for any member's call to remind.
    expect(outcome).toEqual({ result: null });
    expect(lease()).toEqual(before);
    expect(pendingDelayedTasks().length).toBe(1);
  });

  it('when the pending link is lost past the grace, then the api arms a new chain and the lost link, arriving late, stops', async () => {
    // Arrange: the platform holds the 11:10 link back; half an hour passes with nothing run.
    const old = lease()?.chainId;
    moveDelayedTasks(at('2026-11-21T12:30+08:00'));
    h.clock.set('2026-11-21T11:40+08:00');
    resetTimers();
    forgetChainLook();

    // Act
    const armed = await keepChainAlive(db, schedule, h.clock.now());
    const fired = await walkTo('2026-11-21T12:35+08:00');

    // Assert: the new chain ran at 11:50 … 12:30; the old link, delivered at 12:30, stopped.
    expect(armed).toBe('ARMED');
    expect(lease()?.chainId).not.toBe(old);
    const outcomes = fired.map((f) => [f.at, (f.outcome as Data).result.chain]);
    expect(outcomes.filter(([, c]) => c === 'STALE')).toEqual([[at('2026-11-21T12:30+08:00'), 'STALE']]);
    expect(outcomes.filter(([, c]) => c === 'RUN').map(([t]) => t)).toEqual(['11:50', '12:00', '12:10', '12:20', '12:30'].map((t) => at(`2026-11-21T${t}+08:00`)));
    expect(pendingDelayedTasks().map((t) => linkOf(t).chainId)).toEqual([lease()?.chainId]);
  });
});
