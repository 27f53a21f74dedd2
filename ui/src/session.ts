/** The master key lives in sessionStorage only: gone when the tab closes, never written anywhere else. */
const KEY = 'warden.masterKey';

export const session = {
  key(): string | null {
    return sessionStorage.getItem(KEY);
  },
  signIn(key: string): void {
    sessionStorage.setItem(KEY, key);
  },
  signOut(): void {
    sessionStorage.removeItem(KEY);
  },
};
