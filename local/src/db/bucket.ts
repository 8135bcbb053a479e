/**
 * `$bucket` as documented (docs.cloudbase.net, api-reference/server/node-sdk/database/aggregate/stages/bucket;
 * MongoDB's $bucket): each bucket is `[lower, next)`, a bucket is output only when it holds a document, and
 * values outside the boundaries (or of another type) go to `default` — an error without one. mingo 7.2.7 puts
 * a boundary value in the bucket below it and outputs empty buckets, so the stage is rewritten into what the
 * documentation says it is equivalent to: a `$group` on a `$switch` over the ranges, then a `$sort` on `_id`.
 */
type Stage = Record<string, unknown>;

interface BucketSpec {
  groupBy: unknown;
  boundaries: unknown[];
  default?: unknown;
  output?: Record<string, unknown>;
}

/** The `$group` + `$sort` stages equivalent to one `$bucket` stage. */
export function bucketAsGroup(spec: BucketSpec): Stage[] {
  const { groupBy, boundaries } = spec;
  if (!Array.isArray(boundaries) || boundaries.length < 2) throw new Error('$bucket: boundaries must list at least two values');
  const branches = boundaries.slice(0, -1).map((lower, i) => ({
    // $literal: a boundary that is a string starting with $ is a value, not a field path.
    case: { $and: [{ $gte: [groupBy, { $literal: lower }] }, { $lt: [groupBy, { $literal: boundaries[i + 1] }] }] },
    then: { $literal: lower },
  }));
  // Without a default, a value outside the boundaries is an error on the cloud; mingo's $switch would give
  // null, so the missing default is an expression that throws (a conversion that cannot succeed).
  const fallback = spec.default !== undefined ? { $literal: spec.default } : { $toInt: { $literal: '$bucket: a groupBy value is outside the boundaries and no default is given' } };
  const id = { $switch: { branches, default: fallback } };
  return [{ $group: { _id: id, ...(spec.output ?? { count: { $sum: 1 } }) } }, { $sort: { _id: 1 } }];
}

/** A pipeline with every `$bucket` stage (also inside `$facet`) rewritten per the documented semantics. */
export function rewriteBuckets(pipeline: Stage[]): Stage[] {
  return pipeline.flatMap((stage) => {
    if (stage.$bucket) return bucketAsGroup(stage.$bucket as BucketSpec);
    if (stage.$facet && typeof stage.$facet === 'object') {
      return [{ $facet: Object.fromEntries(Object.entries(stage.$facet as Record<string, Stage[]>).map(([k, p]) => [k, rewriteBuckets(p)])) }];
    }
    return [stage];
  });
}
