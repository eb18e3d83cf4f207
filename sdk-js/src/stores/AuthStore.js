/**
 * A user as the server shows it: never a password or hash.
 *
 * @typedef {object} User
 * @property {string} id
 * @property {string} email
 * @property {string} createdAt ISO-8601
 */

/**
 * Called with the new token and user whenever they change (sign-in, sign-out, token replaced).
 *
 * @callback AuthChangeListener
 * @param {string|null} token the session token, or null when signed out
 * @param {User|null} user the signed-in user, or null
 * @returns {void}
 */

/**
 * Keeps the session token and user of a {@link Backpack} client, in memory. Subclass it (or pass
 * any object with the same members) to keep them elsewhere; {@link LocalAuthStore} keeps them in
 * the browser's `localStorage`.
 *
 * @example
 * const store = new AuthStore();
 * store.onChange((token, user) => console.log('signed in as', user?.email));
 * const bp = new Backpack(url, { authStore: store });
 */
export class AuthStore {
  /** @type {string|null} */
  #token = null;
  /** @type {User|null} */
  #user = null;
  /** @type {Set<AuthChangeListener>} */
  #listeners = new Set();

  /**
   * The session token, or null when signed out.
   *
   * @returns {string|null}
   */
  get token() {
    return this.#token;
  }

  /**
   * The signed-in user, or null.
   *
   * @returns {User|null}
   */
  get user() {
    return this.#user;
  }

  /**
   * Whether a token is held. It may still have expired on the server: `bp.auth.me()` tells.
   *
   * @returns {boolean}
   */
  get isValid() {
    return typeof this.#token === 'string' && this.#token.length > 0;
  }

  /**
   * Replaces the token and user and notifies the listeners.
   *
   * @param {string|null} token the new token (null signs out)
   * @param {User|null} [user] the user the token belongs to
   * @returns {void}
   * @throws {TypeError} when the token is neither a string nor null
   */
  save(token, user = null) {
    if (token !== null && typeof token !== 'string') {
      throw new TypeError('token must be a string or null');
    }
    this.#token = token || null;
    this.#user = this.#token ? user ?? null : null;
    this.triggerChange();
  }

  /**
   * Forgets the token and user (signs out locally) and notifies the listeners.
   *
   * @returns {void}
   * @throws {never}
   */
  clear() {
    this.save(null, null);
  }

  /**
   * Registers a listener for changes of token or user.
   *
   * @param {AuthChangeListener} callback called with `(token, user)`
   * @param {boolean} [fireImmediately] also call it once now with the current values
   * @returns {() => void} removes the listener
   * @throws {TypeError} when callback is not a function
   */
  onChange(callback, fireImmediately = false) {
    if (typeof callback !== 'function') {
      throw new TypeError('onChange needs a function');
    }
    this.#listeners.add(callback);
    if (fireImmediately) {
      callback(this.#token, this.#user);
    }
    return () => {
      this.#listeners.delete(callback);
    };
  }

  /**
   * Calls every listener with the current values; a failing listener does not stop the others.
   *
   * @returns {void}
   * @throws {never}
   */
  triggerChange() {
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#token, this.#user);
      } catch (e) {
        reportListenerError(e);
      }
    }
  }
}

/**
 * Reports an exception of a listener without breaking the caller: `reportError` in browsers
 * (like an exception in an event handler), `console.error` elsewhere.
 *
 * @param {unknown} error
 * @returns {void}
 */
export function reportListenerError(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    console.error('backpack: a listener failed', error);
  }
}
