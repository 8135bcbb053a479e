/** How an action is declared: its input contract, the org it concerns, and its use case. */
import type * as z from 'zod/mini';
import type { CallerFacts, OrgFacts } from '../../../../miniprogram/core/domain/permissions';
import type { Cloud, Db } from './db';
import type { Mutation } from './uow';
import type { OrgDoc } from '../repositories/docs';

/** The caller as the server knows them (never from the payload). */
export interface Caller extends CallerFacts {
  openid: string;
}

/** The org (or just the tenant) whose roles decide the permission; the loaded org doc rides along. */
export interface Scope {
  tenantId: string | null;
  org: OrgFacts | null;
  orgDoc?: OrgDoc;
}

export interface Deps {
  cloud: Cloud;
  db: Db;
  now: number;
}

export interface UseCase<I> extends Deps {
  input: I;
  caller: Caller;
  scope: Scope;
  /** 'HELD' when msgSecCheck asked for human review: store it, but show it to nobody else yet. */
  moderation: 'PASS' | 'HELD';
  action: string;
  /** `<openid>:<requestId>`: seeds new ids so that they are unique per request. */
  requestKey: string;
}

export interface ActionSpec<I, O> {
  input: z.ZodMiniType<I>;
  /** The reply's contract: docs/api.md renders the reply type from it. */
  output?: z.ZodMiniType<O>;
  /** Mutating actions need a requestId and commit through the unit of work. */
  mutating: boolean;
  /** The user text in the input that must pass msgSecCheck before it is stored. */
  texts?: (input: I) => string[];
  /** Resolves the org concerned; may read the database (counted in the action's budget). */
  scope: (input: I, caller: Caller, deps: Deps) => Promise<Scope>;
  run: (uc: UseCase<I>) => Promise<O | Mutation<O>>;
}

/** Declares an action with its types inferred from the input schema. */
export function defineAction<I, O>(spec: ActionSpec<I, O>): ActionSpec<I, O> {
  return spec;
}
