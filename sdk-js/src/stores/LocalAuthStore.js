import { AuthStore } from './AuthStore.js';

/**
 * The part of the Web Storage API the store uses (`localStorage`, `sessionStorage`, or your own).
 *
 * @typedef {object} StorageLike
 * @property {(key: string) => string|null} getItem
 * @property {(key: string, value: string) => void} setItem
 * @property {(key: string) => void} removeItem
 */

/**
 * An {@link AuthStore} that survives page reloads: it keeps the token and user in `localStorage`
 * (or any {@link StorageLike}) under one key, and follows changes made by other tabs of the same
 * origin (the `storage` event), so signing out in one tab signs out all of them.
 *
 * The default store of a {@link Backpack} client wherever `localStorage` exists. Mind that any
 * script running on the page can read `localStorage`; keep the page free of untrusted scripts.
 */
export class LocalAuthStore extends AuthStore {
  /** @type {string} */
  #key;
  /** @type {StorageLike|null} */
  #storage;
  /** @type {((event: any) => void)|null} */
  #onStorage = null;
  #muting = false;

  /**
   * @param {string} [key] the storage key (the client uses `backpack_auth:` + its base URL)
   * @param {StorageLike|null} [storage] where to keep it; `globalThis.localStorage` by default
   * @throws {never} a storage that cannot be read (private mode, quota) degrades to memory
   */
  constructor(key = 'backpack_auth', storage = defaultStorage()) {
    super();
    this.#key = key;
    this.#storage = storage;
    this.#load();
    const target = /** @type {any} */ (globalThis);
    if (storage && storage === defaultStorage() && typeof target.addEventListener === 'function') {
      this.#onStorage = (event) => {
        if (event.key === this.#key || event.key === null) {
          this.#load();
          super.triggerChange();
        }
      };
      target.addEventListener('storage', this.#onStorage);
    }
  }

  /**
   * The storage key in use.
   *
   * @returns {string}
   */
  get key() {
    return this.#key;
  }

  /**
   * Saves token and user to memory and storage, then notifies the listeners.
   *
   * @param {string|null} token
   * @param {import('./AuthStore.js').User|null} [user]
   * @returns {void}
   * @throws {TypeError} when the token is neither a string nor null
   */
  save(token, user = null) {
    super.save(token, user);
    this.#write();
  }

  /**
   * Stops following other tabs (the stored values stay).
   *
   * @returns {void}
   * @throws {never}
   */
  dispose() {
    if (this.#onStorage) {
      /** @type {any} */ (globalThis).removeEventListener('storage', this.#onStorage);
      this.#onStorage = null;
    }
  }

  #write() {
    if (!this.#storage) {
      return;
    }
    try {
      if (this.token) {
        this.#storage.setItem(this.#key, JSON.stringify({ token: this.token, user: this.user }));
      } else {
        this.#storage.removeItem(this.#key);
      }
    } catch {
      // storage full or forbidden: the session lives in memory only
    }
  }

  #load() {
    let token = null;
    let user = null;
    try {
      const raw = this.#storage?.getItem(this.#key);
      if (raw) {
        const parsed = JSON.parse(raw);
        if (parsed && typeof parsed.token === 'string') {
          token = parsed.token;
          user = parsed.user && typeof parsed.user === 'object' ? parsed.user : null;
        }
      }
    } catch {
      // unreadable or corrupt: start signed out
    }
    // the values in memory, without writing them back and without notifying: callers decide
    this.#muting = true;
    try {
      super.save(token, user);
    } finally {
      this.#muting = false;
    }
  }

  /**
   * Notifies the listeners (not while loading from storage).
   *
   * @returns {void}
   * @throws {never}
   */
  triggerChange() {
    if (!this.#muting) {
      super.triggerChange();
    }
  }
}

/**
 * `globalThis.localStorage` when there is a usable one, else null.
 *
 * @returns {StorageLike|null}
 */
function defaultStorage() {
  try {
    const storage = /** @type {any} */ (globalThis).localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}
