/**
 * One submit = one intent. The page keeps the intent until the write succeeds, so a retry after a
 * network failure reuses the requestId (the server then replays instead of writing twice), and a new
 * intent starts only once the draft has been written.
 */
import { newIntent, type Intent } from './api';

/** Holds the current intent of each form on a page. */
export interface Intents {
  /** The intent for this form: the pending one, or a new one. */
  of(form: string): Intent;
  /** The form's write succeeded: its next submit is a new intent. */
  done(form: string): void;
}

/** A fresh holder of intents for one page instance. */
export function intents(): Intents {
  const pending = new Map<string, Intent>();
  return {
    of(form) {
      const existing = pending.get(form);
      if (existing) return existing;
      const made = newIntent();
      pending.set(form, made);
      return made;
    },
    done(form) {
      pending.delete(form);
    },
  };
}
