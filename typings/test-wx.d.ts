/**
 * The `wx` of the page tests: the stub in miniprogram/__test__/setup.ts, every API a jest mock. The tests
 * are type-checked with node's types (they run the api in-process), which cannot coexist with the mini
 * program's own typings (both declare `require`), so the tests see `wx` as what it is there.
 */
declare const wx: Record<string, jest.Mock> & { cloud: Record<string, jest.Mock> };
/** The Behavior() miniprogram-simulate defines, as the tests see it (the pages type it with the mini program's typings). */
declare const Behavior: (definition: object) => string;
