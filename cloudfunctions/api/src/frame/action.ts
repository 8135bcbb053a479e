/** How an action is declared: its input contract, the org it concerns, and its use case. */
import type * as z from 'zod/mini';
import type { CallerFacts, OrgFacts } from '../../../../miniprogram/core/domain/permissions';
import type { Cloud, Db } from './db';
import type { Mutation } from './uow';

/** The caller as the server knows them (never from the payload). */
export interface Caller extends CallerFacts {
  openid: string;
}

/**
 * The org (or just the tenant) whose roles decide the permission. Scope resolvers may carry more
 * (the loaded org document, shared/scope.ts): the frame reads only this.
 */
export interface BaseScope {
  tenantId: string | null;
  org: OrgFacts | null;
}

export interface Deps {
  cloud: Cloud;
  db: Db;
  now: number;
}

export interface UseCase<I, S extends BaseScope = BaseScope> extends Deps {
  input: I;
  caller: Caller;
  scope: S;
  /** 'HELD' when msgSecCheck asked for human review: store it, but show it to nobody else yet. */
  moderation: 'PASS' | 'HELD';
  action: string;
  /** `<openid>:<requestId>`: seeds new ids so that they are unique per request. */
  requestKey: string;
}

export interface ActionSpec<I, O, S extends BaseScope = BaseScope> {
  input: z.ZodMiniType<I>;
  /** The reply's contract: docs/api.md renders the reply type from it. */
  output?: z.ZodMiniType<O>;
  /** Mutating actions need a requestId and commit through the unit of work. */
  mutating: boolean;
  /** The user text in the input that must pass msgSecCheck before it is stored. */
  texts?: (input: I) => string[];
  /** Resolves the org concerned; may read the database (counted in the action's budget). */
  scope: (input: I, caller: Caller, deps: Deps) => Promise<S>;
  run: (uc: UseCase<I, S>) => Promise<O | Mutation<O>>;
}

/** Declares an action with its types inferred from the input schema. */
export function defineAction<I, O, S extends BaseScope = BaseScope>(spec: ActionSpec<I, O, S>): ActionSpec<I, O, S> {
  return spec;
}
