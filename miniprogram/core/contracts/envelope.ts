/** The one request and reply shape of the `api` cloud function. */
import * as z from 'zod/mini';

export const RequestEnvelope = z.object({
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  payload: z.optional(z.unknown()),
  requestId: z.optional(z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/))),
  /**
   * A group's CloudID. WeChat resolves a CloudID only in a top-level field of the call's data (PLATFORM.md),
   * so the client carries the payload's `group` here and the router puts it back before the contract parses.
   */
  g: z.optional(z.unknown()),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export interface ReplyIssue {
  path: Array<string | number>;
  message: string;
}

export type Reply<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; issues?: ReplyIssue[] } };
