/** The committed local/collections.json must always load; its format rules are enforced. */
import { loadDeclaration, parseDeclaration } from './declaration';

test('when the committed collections.json is loaded, then it is valid and every collection is ADMINONLY', () => {
  const decl = loadDeclaration();
  expect(decl.collections.filter((c) => c.permission !== 'ADMINONLY').map((c) => c.name)).toEqual([]);
});

test('when a collection is declared twice, then the declaration is refused', () => {
  const twice = { collections: [{ name: 'a', permission: 'ADMINONLY' }, { name: 'a', permission: 'ADMINONLY' }] };
  expect(() => parseDeclaration(twice)).toThrow(/declared twice/);
});

test('when a collection has more than 20 indexes, then the declaration is refused', () => {
  const indexes = Array.from({ length: 21 }, (_v, i) => ({ name: `i${i}`, keys: { [`f${i}`]: 1 } }));
  expect(() => parseDeclaration({ collections: [{ name: 'a', permission: 'ADMINONLY', indexes }] })).toThrow(/more than 20/);
});

test('when an index direction is not 1 or -1, then the declaration is refused', () => {
  const bad = { collections: [{ name: 'a', permission: 'ADMINONLY', indexes: [{ name: 'x', keys: { f: 2 } }] }] };
  expect(() => parseDeclaration(bad)).toThrow();
});
