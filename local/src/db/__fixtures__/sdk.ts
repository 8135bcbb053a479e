/**
 * The real wx-server-sdk for the conformance tests. Its published typings cannot express what the
 * calls return (results are typed `string | void | IQueryResult`, env cannot be the dynamic symbol),
 * so tests see the database loosely typed; what is checked is runtime behaviour.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import cloud = require('wx-server-sdk');

export type LooseDb = any;

/** cloud.init() + cloud.database(), as a cloud function does at cold start. */
export function sdkDatabase(): LooseDb {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud.database();
}
