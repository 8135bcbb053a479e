/**
 * Jest setup (both projects): a query no declared index serves fails the test that made it, naming the
 * query, the collection and the function (`LOCAL_CLOUD_UNINDEXED=warn` only lists them, to survey a suite).
 */
import { describeUnindexed, takeUnindexed } from './unindexed';

process.env.LOCAL_CLOUD_UNINDEXED ??= 'error';

function failOnUnindexed(): void {
  const found = takeUnindexed();
  if (process.env.LOCAL_CLOUD_UNINDEXED !== 'error' || found.length === 0) return;
  // One line per place in the code and query shape (the first example's values shown).
  const byShape = new Map(found.map((q) => [`${q.collection}|${q.site}|${q.order}|${q.query.replace(/"[^"]*"|\d+/g, '_')}`, q]));
  const lines = [...byShape.values()].map(describeUnindexed);
  throw new Error(`${lines.length} database quer${lines.length > 1 ? 'ies' : 'y'} no index in local/collections.json serves:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
}

afterEach(failOnUnindexed);
afterAll(failOnUnindexed);
