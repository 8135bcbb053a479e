/**
 * Types of every `api` action, from the contracts' catalogue (core/contracts/api/catalogue.ts), which the
 * server's action table satisfies: the mini program learns the api from the contracts, never from the
 * server's code. Inputs are the contracts' input side; outputs what the reply's contract parses to.
 */
import type * as z from 'zod/mini';
import type { API_CATALOGUE, CatalogueName } from '../core/contracts/api/catalogue';
import type { ReplyIssue } from '../core/contracts/envelope';

type Catalogue = typeof API_CATALOGUE;
/** Every action name. */
export type ActionName = CatalogueName;
/** What the caller sends for an action (the contract's input side). */
export type ActionInput<K extends ActionName> = z.input<Catalogue[K]['input']>;
/** What the action answers on success. */
export type ActionOutput<K extends ActionName> = z.output<Catalogue[K]['output']>;

/** A failure as a page sees it: the server's code and Chinese message, or NETWORK when the call never arrived. */
export interface ApiError {
  code: string;
  message: string;
  issues?: ReplyIssue[];
}

/** The outcome of one call. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
