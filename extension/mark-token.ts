/**
 * Each document's highlight-name token (core/mark-names.ts), made in the background: an HMAC of
 * the document's `performance.timeOrigin` under a random secret of this install, kept in
 * storage.local. A page cannot predict it (it never sees the secret), and every copy of the
 * content script in one document gets the same token, so the copy Firefox injects after an
 * update can delete what the unloaded copy left registered (by name: Firefox lets no one iterate
 * a registry holding the old copy's objects). Keyed hashing needs `crypto.subtle`, which web pages
 * served over http do not have: hence the background.
 */
import { browser } from 'wxt/browser';
import { tokenFromBytes } from '../core/mark-names';
import { MARK_SECRET_KEY } from './storage-keys';

const SECRET = /^[0-9a-f]{64}$/;
let key: Promise<CryptoKey> | undefined;

async function loadKey(): Promise<CryptoKey> {
  const stored = (await browser.storage.local.get(MARK_SECRET_KEY))[MARK_SECRET_KEY];
  let secret = typeof stored === 'string' && SECRET.test(stored) ? stored : undefined;
  if (!secret) {
    // First use, or a damaged value: a new secret (only tokens of already open documents change).
    secret = [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    await browser.storage.local.set({ [MARK_SECRET_KEY]: secret });
  }
  const raw = new Uint8Array(secret.match(/../g)!.map((pair) => parseInt(pair, 16)));
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The token of the document whose time origin is `timeOrigin`. */
export async function markTokenFor(timeOrigin: number): Promise<string> {
  key ??= loadKey().catch((error: unknown) => {
    key = undefined; // Try again next time (storage may be back).
    throw error;
  });
  const signature = await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(String(timeOrigin)));
  return tokenFromBytes(new Uint8Array(signature));
}

/** Forgets the cached key (tests). */
export function resetMarkTokenKey(): void {
  key = undefined;
}
