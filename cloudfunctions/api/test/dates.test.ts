/**
 * Every date field of every action refuses a day that does not exist, naming the field and the
 * date, with nothing written. The fields are found by walking the action contracts (a field is a
 * date field when it is a `cstDate` schema), not from a list kept by hand.
 */
import { PERMISSIONS, type ActionName } from '../../../miniprogram/core/domain/permissions';
import { isCstDateSchema } from '../../../miniprogram/core/contracts/review';
import { requestCounter } from '../../../local/src/testing';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { apiHarness, buildDistrict, freshState, type Data, type District } from './harness';
import { defOf, wrapped } from './contract-walk';
import { FRAME_BOOTSTRAP, FRAME_CASES, arrangeColumns, callerOf } from './frame-cases';

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });

/** One step from a schema to a part of it, as a payload is built along it. */
type Step = { key: string } | { index: true } | { recordKey: true } | { literals: Record<string, unknown> };
interface DateField {
  action: ActionName;
  steps: Step[];
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } };
}

/** Every path from `schema` to a calendar date schema. */
function dateFields(schema: unknown, steps: Step[] = [], depth = 0): Array<{ steps: Step[]; schema: DateField['schema'] }> {
  if (isCstDateSchema(schema)) return [{ steps, schema: schema as DateField['schema'] }];
  if (depth > 12) return [];
  const def = defOf(schema);
  const inner = wrapped(def);
  if (inner) return dateFields(inner, steps, depth + 1);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, inner]) => dateFields(inner, [...steps, { key }], depth + 1));
    case 'array':
      return dateFields(def.element, [...steps, { index: true }], depth + 1);
    case 'record':
      return dateFields(def.valueType, [...steps, { recordKey: true }], depth + 1);
    case 'intersection':
      return [...dateFields(def.left, steps, depth + 1), ...dateFields(def.right, steps, depth + 1)];
    case 'union':
      return (def.options ?? []).flatMap((option) => {
        // A branch of a tagged union is chosen by its literal fields: carry them so the payload takes that branch.
        const o = defOf(option);
        const literals = Object.fromEntries(
          Object.entries(o.type === 'object' ? (o.shape ?? {}) : {})
            .filter(([, v]) => defOf(v).type === 'literal')
            .map(([k, v]) => [k, defOf(v).values?.[0]]),
        );
        return dateFields(option, [...steps, { literals }], depth + 1);
      });
    default:
      return [];
  }
}

/** The good payload with the date at `steps` replaced by `date`; returns the concrete path zod reports. */
function withDate(payload: unknown, steps: Step[], date: string): { payload: Data; path: Array<string | number> } {
  const root: Data = structuredClone(payload ?? {});
  const path: Array<string | number> = [];
  let holder: Data = { root };
  let slot: string | number = 'root';
  for (const [i, step] of steps.entries()) {
    const next = steps[i + 1];
    const fresh = () => (next && 'index' in next ? [] : {});
    if ('literals' in step) {
      Object.assign(holder[slot], step.literals);
      continue;
    }
    if (holder[slot] === undefined || holder[slot] === null || typeof holder[slot] !== 'object') holder[slot] = 'index' in step ? [] : {};
    const container: Data = holder[slot];
    const key: string | number = 'key' in step ? step.key : 'index' in step ? 0 : (Object.keys(container)[0] ?? '2026');
    if (next && (container[key] === undefined || container[key] === null || typeof container[key] !== 'object')) container[key] = fresh();
    path.push(key);
    holder = container;
    slot = key;
  }
  holder[slot] = date;
  return { payload: root, path };
}

const FIELDS: DateField[] = (Object.keys(PERMISSIONS) as ActionName[]).flatMap((action) =>
  dateFields((actions as ActionTable)[action].input).map((f) => ({ action, ...f })),
);
const label = (f: DateField) => `${f.action} ${f.steps.map((s) => ('key' in s ? s.key : 'index' in s ? '[0]' : 'recordKey' in s ? '{key}' : `<${Object.values(s.literals).join('')}>`)).join('.')}`;
const NOT_DAYS = ['2026-02-30', '2026-11-31', '2027-02-29', '2026-13-01'];
const WRITES = ['insertDocument', 'updateDocument', 'modifyDocument', 'modifyAndReturnDoc', 'removeDocument', 'commitTransaction'];

describe('calendar dates in the contracts', () => {
  it('when the contracts are walked, then date fields are found in every action that takes a date', () => {
    const actionsWithDates = new Set(FIELDS.map((f) => f.action));
    // Anything named like a date must be one: a plain string there would let 2026-02-30 through.
    for (const action of Object.keys(PERMISSIONS) as ActionName[]) {
      const named = JSON.stringify(Object.keys(defOf((actions as ActionTable)[action].input).shape ?? {}));
      if (/"(date|start|end|\w*[dD]eadlines?|\w*Date)"/.test(named)) expect({ action, hasDates: actionsWithDates.has(action) }).toEqual({ action, hasDates: true });
    }
    expect(FIELDS.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(FIELDS.map((f) => [label(f), f] as const))('%s', (_name, field) => {
    let d: District;
    let openid: string;
    let good: unknown;

    beforeAll(async () => {
      d = await freshState(h, 'columns', async () => {
        const built = await buildDistrict(h);
        await arrangeColumns(h, built);
        return built;
      });
      const c = FRAME_CASES[field.action];
      const s = c.setup ? await c.setup(h, d) : {};
      openid = callerOf(c, d);
      good = await c.payload({ h, d, s });
    });

    it.each(NOT_DAYS)('when it is %s, then INPUT.INVALID names the field and the date, and nothing is written', async (date) => {
      // Arrange
      const { payload, path } = withDate(good, field.steps, date);
      const message = field.schema.safeParse(date).error?.issues[0]?.message ?? '';
      requestCounter.reset();

      // Act
      const reply = await h.call(openid, field.action, payload);

      // Assert
      expect(message).toMatch(new RegExp(`^\\S+ ${date} 不存在$`));
      expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
      const issues = (reply as { error: { issues?: Array<{ path: unknown[]; message: string }> } }).error.issues ?? [];
      expect(issues).toContainEqual({ path, message });
      const writes = Object.keys(requestCounter.snapshot().byAction).filter((a) => WRITES.includes(a));
      expect(writes).toEqual([]);
    });
  });
});
