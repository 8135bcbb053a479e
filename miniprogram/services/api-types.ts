/**
 * Types of every `api` action, taken from the server's own declarations (type-only imports: nothing of
 * the cloud function is bundled into the mini program). Inputs are the zod contracts' input types;
 * outputs are what the use cases return, so a field the server renames breaks the page's typecheck.
 */
import type * as z from 'zod/mini';
import type { actions } from '../../cloudfunctions/api/src/actions';
import type { Mutation } from '../../cloudfunctions/api/src/frame/uow';
import type { ReplyIssue } from '../core/contracts/envelope';

type Actions = typeof actions;
/** Every action name. */
export type ActionName = keyof Actions;
/** What the caller sends for an action (the contract's input side). */
export type ActionInput<K extends ActionName> = Actions[K]['input'] extends z.ZodMiniType<unknown, infer I> ? I : never;
/** What the action answers on success. */
export type ActionOutput<K extends ActionName> = Actions[K] extends { run: (...args: never[]) => Promise<infer O> } ? (O extends Mutation<infer R> ? R : O) : never;

/** A failure as a page sees it: the server's code and Chinese message, or NETWORK when the call never arrived. */
export interface ApiError {
  code: string;
  message: string;
  issues?: ReplyIssue[];
}

/** The outcome of one call. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
