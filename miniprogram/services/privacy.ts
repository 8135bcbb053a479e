/**
 * Privacy (用户隐私保护指引): with `__usePrivacyCheck__`, WeChat asks before any privacy API runs. The
 * app registers one handler; the page on screen shows its privacy-popup, whose button with
 * open-type="agreePrivacyAuthorization" resolves the pending request. docs/privacy.md lists the APIs.
 */
type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: Resolve | null = null;
const listeners = new Set<() => void>();

/** Registers the app-wide handler (call once from App.onLaunch). */
export function onPrivacyNeeded(): void {
  if (!wx.onNeedPrivacyAuthorization) return;
  wx.onNeedPrivacyAuthorization((resolve: unknown) => {
    // The typings call the first argument a callback result; at run time it is the resolve function.
    pending = resolve as unknown as Resolve;
    listeners.forEach((show) => show());
  });
}

/** A popup subscribes to be shown when WeChat needs consent; returns the unsubscribe. */
export function listenPrivacy(show: () => void): () => void {
  listeners.add(show);
  if (pending) show();
  return () => listeners.delete(show);
}

/** The user agreed (after the agree button's own authorisation) or declined. */
export function answerPrivacy(agree: boolean, buttonId?: string): void {
  const resolve = pending;
  pending = null;
  if (resolve) resolve(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
}
