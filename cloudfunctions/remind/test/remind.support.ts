/**
 * The `remind` function on the in-process local cloud, for its flow tests: the api harness, the function
 * registered with its timer trigger from config.json, and the reads every flow test makes (documents,
 * a whole-database snapshot, one firing at an instant).
 */
import { functionsMode, moveDelayedTasks, registerFunction, resetTimers, runDueTimers, timerTriggers, type CloudMain } from '../../../local/src/services';
import { apiHarness, type Data, type District, type Harness } from '../../api/test/harness';

/** A stored document, as the flow tests read it. */
export interface Row {
  _id: string;
  [k: string]: unknown;
}

/** What a remind flow test works with. */
export interface RemindHarness {
  h: Harness;
  remind: { main: CloudMain; runRemind: (...args: unknown[]) => Promise<Data> };
  triggers: ReturnType<typeof timerTriggers>;
  docs(collection: string): Row[];
  snapshot(): Map<string, string>;
  fireAt(at: string): Promise<Data>;
}

/** Installs the local cloud for this test file and registers `remind` with its timer. */
export function remindHarness(): RemindHarness {
  const h = apiHarness();
  // Required after the local cloud is installed, exactly as the platform loads the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const remind = require('../src/index') as RemindHarness['remind'];
  registerFunction('remind', remind.main);
  // V1: the timer of config.json. V2 (LOCAL_CLOUD_FUNCTIONS=v2): no timer; the chain of delayed tasks the api armed drives remind.
  const triggers = functionsMode() === 'v1' ? timerTriggers().filter((t) => t.functionName === 'remind') : [];
  const docs = (collection: string) => [...((h.local.store.get(collection)?.docs.values() ?? []) as Iterable<Row>)];
  const snapshot = () => {
    const out = new Map<string, string>();
    // The V2 chain's lease (schedules/remind) moves on every link: the driver's bookkeeping, not the firing's work.
    for (const name of h.local.store.names().filter((n) => n !== 'schedules')) for (const [id, doc] of h.local.store.get(name)?.docs ?? []) out.set(`${name}/${id}`, JSON.stringify(doc));
    return out;
  };
  /** Exactly one firing at `at` (the clock moves there): the timer's, or in V2 the chain's next link, due then. */
  const fireAt = async (at: string) => {
    h.clock.set(at);
    resetTimers(Date.parse(at) - 10 * 60_000);
    if (functionsMode() === 'v2') moveDelayedTasks(Date.parse(at));
    // A link of a chain the api replaced (after a clock jump the chain could not follow) still arrives, finds the lease moved on and stops.
    const fired = (await runDueTimers({ triggers })).filter((f) => !('result' in f.outcome) || (f.outcome.result as Data)?.chain !== 'STALE');
    expect(fired.length).toBe(1);
    if (!('result' in fired[0].outcome)) throw new Error(JSON.stringify(fired[0].outcome));
    return (fired[0].outcome as Data).result;
  };
  return { h, remind, triggers, docs, snapshot, fireAt };
}

/**
 * 吴敏's session of 实验小学党支部 over 李娜 (s3) and 钱军 (s4), held 12-10, with report and opinion
 * deadlines on 12-08 (so reminder days are 12-05 and 12-07); returns its id.
 */
export async function deadlineSession(h: Harness, d: District): Promise<string> {
  const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: [member('s3'), member('s4')] },
    date: '2026-12-10',
    place: '实验小学党员活动室',
    reportDeadline: '2026-12-08',
    opinionDeadline: '2026-12-08',
    opinionsAnonymous: false,
  });
  return started.sessionId;
}
