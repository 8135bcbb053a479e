/**
 * The sliced plan at a budget its reads alone use up (issue 23, finding 7): every slice still moves the
 * job, so the timer finishes it; and a job that stops moving (no slice ran for three firings) says so on
 * progress.get, as a stale reason the progress and office screens show.
 */
import { registerFunction, resetTimers, runDueTimers, timerTriggers, type CloudMain } from '../../../local/src/services';
import { apiHarness, type Data, type District } from '../../api/test/harness';
import { buildSeed000 } from '../../api/test/progress.support';

const h = apiHarness();
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerFunction('remind', (require('../src/index') as { main: CloudMain }).main);
const TRIGGERS = timerTriggers().filter((t) => t.functionName === 'remind');
let d: District;

/** One timer firing ten minutes after the last: what remind said of the campaign. */
async function nextFiring(): Promise<Data | undefined> {
  resetTimers(h.clock.now());
  h.clock.advance('10m');
  const [fired] = await runDueTimers({ triggers: TRIGGERS });
  return ((fired.outcome as Data).result.replanned as Data[]).find((r) => r.campaignId === d.campaignId);
}

/** Makes the current plan stale in a way only a full plan mends (the campaign changed). */
async function changeCampaign(name: string): Promise<void> {
  const campaign = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
  await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: campaign.version, name });
}

describe('a sliced plan whose reads use up its budget', () => {
  afterAll(() => {
    delete process.env.PLAN_SLICE_TRIPS;
    h.clock.set('2026-11-21T10:00+08:00');
  });

  beforeAll(async () => {
    d = await buildSeed000(h);
    h.clock.set('2026-11-21T10:00+08:00');
    await nextFiring();
  });

  it('when each slice may make fewer requests than its reads, then every firing still moves the job and the timer finishes the plan', async () => {
    // Arrange: slices of 4 requests, fewer than one slice's reads of the roster and the stored plan.
    process.env.PLAN_SLICE_TRIPS = '4';
    await changeCampaign('创先争优活动领导点评（修订）');
    const percents: number[] = [];

    // Act
    let step: Data | undefined;
    for (let i = 0; i < 60; i++) {
      step = await nextFiring();
      percents.push(step?.percent ?? -1);
      if (step?.finished) break;
    }
    const after = await h.ok(d.users.admin, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });

    // Assert
    expect(step).toEqual(expect.objectContaining({ mode: 'FULL', finished: true, percent: 100 }));
    expect(percents.every((p, i) => i === 0 || p > percents[i - 1])).toBe(true);
    expect(after.stale).toBe(false);
  });

  it('when a running plan job has not moved for three firings, then progress.get says it is stalled, until a slice moves it again', async () => {
    // Arrange: a full plan started by one firing, then forty minutes in which no firing runs (the timer stopped).
    process.env.PLAN_SLICE_TRIPS = '4';
    await changeCampaign('创先争优活动领导点评（再次修订）');
    const first = await nextFiring();
    expect(first?.finished).toBe(false);
    h.clock.advance('40m');

    // Act
    const stalled = await h.ok(d.users.admin, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    const second = await nextFiring();
    const moving = await h.ok(d.users.admin, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });

    // Assert
    expect(stalled.updating).toEqual(expect.objectContaining({ stalled: true }));
    expect(stalled.staleReasons.map((r: Data) => r.code)).toContain('PLAN_STALLED');
    expect(stalled.staleReasons.find((r: Data) => r.code === 'PLAN_STALLED').message).toContain('停滞');
    // The firing moved the job on (or finished it, when the plan is then current): either way not stalled.
    expect(second?.percent).toBeGreaterThan(first?.percent);
    expect(moving.updating === null || moving.updating.stalled === false).toBe(true);
    expect(moving.staleReasons.map((r: Data) => r.code)).not.toContain('PLAN_STALLED');
  });
});
