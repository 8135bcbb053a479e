/**
 * The `wx` of the page tests: the stub in miniprogram/__test__/setup.ts, every API a jest mock. The tests
 * are type-checked with node's types (they run the api in-process), which cannot coexist with the mini
 * program's own typings (both declare `require`), so the tests see `wx` as what it is there.
 */
declare const wx: Record<string, jest.Mock> & { cloud: Record<string, jest.Mock> };
