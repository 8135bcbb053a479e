/**
 * Anonymous opinions can be withdrawn only with a secret held on this phone: the server keeps just its hash
 * and nothing that points at the giver. Kept per session in storage, with what was sent, so the giver
 * can see, withdraw or replace it.
 */

/** Storage key of the opinions given from this phone. */
export const GIVEN_KEY = 'givenOpinions';

/** One opinion given from this phone. */
export interface Given {
  sessionId: string;
  targetId: string;
  targetName: string;
  content: string;
  anonymous: boolean;
  /** Withdraws an anonymous opinion. */
  withdrawKey: string;
  /** Withdraws a named one. */
  opinionId: string;
  withdrawn: boolean;
}

/** A fresh random secret (32 hex characters) from the platform's random source. */
export async function newWithdrawKey(): Promise<string> {
  const bytes = await new Promise<Uint8Array>((resolve) => {
    const crypto = wx.getUserCryptoManager ? wx.getUserCryptoManager() : null;
    if (crypto) {
      crypto.getRandomValues({
        length: 16,
        success: (res) => resolve(new Uint8Array(res.randomValues)),
        fail: () => resolve(fallbackBytes()),
      });
    } else resolve(fallbackBytes());
  });
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The withdraw key of one submit intent: made once and kept, so a retry of the same intent sends the
 * same key and the one stored opinion still matches it.
 */
export async function withdrawKeyFor(requestId: string): Promise<string> {
  const kept = wx.getStorageSync(`key:${requestId}`) as string;
  if (kept) return kept;
  const key = await newWithdrawKey();
  wx.setStorageSync(`key:${requestId}`, key);
  return key;
}

/** Drops an intent's key once its opinion is recorded (with the opinion) on this phone. */
export function forgetWithdrawKey(requestId: string): void {
  wx.removeStorageSync(`key:${requestId}`);
}

// Base libraries without getUserCryptoManager; the key then only guards against casual misuse.
function fallbackBytes(): Uint8Array {
  return Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
}

/** Opinions given from this phone in a session. */
export function givenIn(sessionId: string): Given[] {
  const all = wx.getStorageSync(GIVEN_KEY) as Given[] | '';
  return Array.isArray(all) ? all.filter((g) => g.sessionId === sessionId) : [];
}

/** Records (or updates) an opinion given from this phone. */
export function keepGiven(given: Given): void {
  const all = wx.getStorageSync(GIVEN_KEY) as Given[] | '';
  const list = Array.isArray(all) ? all.filter((g) => g.withdrawKey !== given.withdrawKey) : [];
  wx.setStorageSync(GIVEN_KEY, [...list, given]);
}
