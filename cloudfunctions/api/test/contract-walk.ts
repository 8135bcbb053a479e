/** Reading zod schemas' definitions, for the tests that walk every action contract (dates, texts). */

/** The parts of a zod definition the walks read. */
export interface Def {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  in?: unknown;
  left?: unknown;
  right?: unknown;
  values?: unknown[];
}

/** A schema's definition. */
export const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema a wrapper (optional, nullable, default, …) or a pipe wraps; null for anything else. */
export function wrapped(def: Def): unknown {
  if (WRAPPERS.has(def.type)) return def.innerType;
  if (def.type === 'pipe') return def.in;
  return null;
}
