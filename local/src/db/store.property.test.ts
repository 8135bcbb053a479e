/** Property: whatever sequence of writes is acknowledged, a reopened store holds exactly that state. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { openStore } from './store';
import { createEngine } from './engine';
import { bson, Doc } from './wire';

const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.startsWith('$') && !k.includes('.') && k !== '__proto__' && k !== '_id');
const scalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }).filter((x) => !Object.is(x, -0)),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true, min: new Date(-1e14), max: new Date(1e14) }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const body = fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 });
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id, body }),
  fc.record({ kind: fc.constant('inc' as const), id, by: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ kind: fc.constant('remove' as const), id }),
);

const ejson = (v: unknown): string => bson().EJSON.stringify(v as Doc, { relaxed: false });

test('when any sequence of set/inc/remove is acknowledged (with compactions in between), then a reopened store equals the model', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 200, max: 5000 }), (ops, compactBytes) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-prop-'));
      try {
        const store = openStore(dir, { compactBytes, sync: false });
        store.createCollection('c');
        const engine = createEngine({ store, now: () => 0 });
        const model = new Map<string, Doc>();
        for (const o of ops) {
          const query = ejson({ _id: o.id });
          if (o.kind === 'set') {
            engine.handle('database.modifyDocument', { collectionName: 'c', query, queryType: 'DOC', data: ejson(o.body), merge: false, upsert: true, multi: false });
            model.set(o.id, { _id: o.id, ...o.body });
          } else if (o.kind === 'inc') {
            const cur = model.get(o.id);
            const numeric = !cur || cur.n === undefined || typeof cur.n === 'number';
            const run = () => engine.handle('database.modifyDocument', { collectionName: 'c', query, queryType: 'DOC', data: ejson({ $inc: { n: o.by } }), merge: true, multi: false });
            // $inc on a non-number is refused and changes nothing, as in MongoDB
            if (numeric) run();
            else expect(run).toThrow(/non-numeric/);
            if (cur && numeric) cur.n = ((cur.n as number | undefined) ?? 0) + o.by;
          } else {
            engine.handle('database.removeDocument', { collectionName: 'c', query, queryType: 'DOC', multi: false });
            model.delete(o.id);
          }
        }
        store.close();
        const reopened = openStore(dir);
        const got = Object.fromEntries([...reopened.get('c')!.docs.entries()]);
        reopened.close();
        expect(got).toEqual(Object.fromEntries(model));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 150 },
  );
});
