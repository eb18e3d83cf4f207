import { BaseService } from './BaseService.js';
import { BackpackError } from '../BackpackError.js';

/**
 * What register and login answer.
 *
 * @typedef {object} AuthResult
 * @property {import('../stores/AuthStore.js').User} user
 * @property {string} token the session token (kept in the client's auth store)
 */

/**
 * Users and sessions: `bp.auth`. The session token goes to the client's auth store (persisted in
 * the browser's `localStorage` by default) and from there into every request and the realtime
 * socket.
 */
export class AuthService extends BaseService {
  /**
   * The signed-in user, or null.
   *
   * @returns {import('../stores/AuthStore.js').User|null}
   */
  get user() {
    return this.client.authStore.user;
  }

  /**
   * The session token, or null.
   *
   * @returns {string|null}
   */
  get token() {
    return this.client.authStore.token;
  }

  /**
   * Whether a session token is held (it may have expired: `me()` tells).
   *
   * @returns {boolean}
   */
  get isSignedIn() {
    return this.client.authStore.isValid;
  }

  /**
   * Creates an account and signs it in.
   *
   * @param {string} email
   * @param {string} password at least 8 characters
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<AuthResult>}
   * @throws {BackpackError} 400 invalid email or password (see `errors`); 409 email taken; 429 too many attempts
   */
  async register(email, password, options = {}) {
    const result = await this.client.send('/api/auth/register', {
      method: 'POST',
      body: { email, password },
      signal: options.signal,
      anonymous: true,
    });
    this.client.authStore.save(result.token, result.user);
    return result;
  }

  /**
   * Signs in.
   *
   * @param {string} email
   * @param {string} password
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<AuthResult>}
   * @throws {BackpackError} 401 wrong email or password; 429 too many attempts (`retryAfter`)
   */
  async login(email, password, options = {}) {
    const result = await this.client.send('/api/auth/login', {
      method: 'POST',
      body: { email, password },
      signal: options.signal,
      anonymous: true,
    });
    this.client.authStore.save(result.token, result.user);
    return result;
  }

  /**
   * Signs out: forgets the token locally (at once, even when the server cannot be reached) and
   * ends the session on the server, which also closes its realtime sockets.
   *
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<void>}
   * @throws {BackpackError} when the server could not end the session (the local sign-out stands)
   */
  async logout(options = {}) {
    const token = this.client.authStore.token;
    this.client.authStore.clear();
    if (!token) {
      return;
    }
    try {
      await this.client.request('/api/auth/logout', {
        method: 'POST',
        signal: options.signal,
        headers: { Authorization: `Bearer ${token}` },
        anonymous: true,
      });
    } catch (e) {
      if (e instanceof BackpackError && e.status === 401) {
        return; // the session had already ended
      }
      throw e;
    }
  }

  /**
   * Asks the server who is signed in and refreshes the stored user. When the server no longer
   * knows the stored token (expired, signed out elsewhere), the store is cleared.
   *
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<import('../stores/AuthStore.js').User>}
   * @throws {BackpackError} 401 when not signed in (any more)
   */
  async me(options = {}) {
    const token = this.client.authStore.token;
    try {
      const { user } = await this.client.send('/api/auth/me', { signal: options.signal });
      if (token && this.client.authStore.token === token) {
        this.client.authStore.save(token, user);
      }
      return user;
    } catch (e) {
      if (e instanceof BackpackError && e.status === 401 && token && this.client.authStore.token === token) {
        this.client.authStore.clear();
      }
      throw e;
    }
  }

  /**
   * Listens to sign-in, sign-out and token changes (the auth store's `onChange`).
   *
   * @param {import('../stores/AuthStore.js').AuthChangeListener} callback called with `(token, user)`
   * @param {boolean} [fireImmediately] also call it once now
   * @returns {() => void} removes the listener
   * @throws {TypeError} when callback is not a function
   */
  onChange(callback, fireImmediately = false) {
    return this.client.authStore.onChange(callback, fireImmediately);
  }
}
