import { BackpackError } from './BackpackError.js';
import { AuthStore } from './stores/AuthStore.js';
import { LocalAuthStore } from './stores/LocalAuthStore.js';
import { AuthService } from './services/AuthService.js';
import { CollectionService } from './services/CollectionService.js';
import { FileService } from './services/FileService.js';
import { RecordService } from './services/RecordService.js';
import { RealtimeService } from './services/RealtimeService.js';

/**
 * Options of a client.
 *
 * @typedef {object} BackpackOptions
 * @property {AuthStore} [authStore] where the session is kept (default: `LocalAuthStore` in browsers, memory elsewhere)
 * @property {typeof fetch} [fetch] the fetch to use (default: the global one)
 * @property {import('./services/RealtimeService.js').WebSocketConstructor} [WebSocket] the WebSocket to use (default:
 *   the global one; in Node 20 pass `ws`)
 * @property {import('./services/RealtimeService.js').RealtimeOptions} [realtime] reconnection and ping timings
 * @property {Record<string, string>} [headers] extra headers for every request
 */

/**
 * Options of one request.
 *
 * @typedef {object} RequestOptions
 * @property {string} [method] default `GET`
 * @property {Record<string, string|number|boolean|undefined|null>} [query] query parameters
 * @property {any} [body] a plain object or array (sent as JSON), or a `FormData`, `Blob`, stream or string (sent as is)
 * @property {Record<string, string>} [headers] extra headers
 * @property {AbortSignal} [signal] aborts the request
 * @property {boolean} [anonymous] do not send the stored token
 * @property {Record<string, any>} [fetchOptions] more options for fetch (e.g. `duplex`)
 */

/**
 * The client of one backpack.
 *
 * @example
 * import { Backpack } from 'http://127.0.0.1:8080/shop/sdk/backpack.js';
 * const bp = new Backpack('http://127.0.0.1:8080/shop');
 * await bp.auth.login('ada@example.com', 'correct horse');
 * const todo = await bp.collection('todos').create({ title: 'Write the SDK', done: false });
 * const { items } = await bp.collection('todos').list({ filter: { done: false }, sort: '-createdAt' });
 */
export class Backpack {
  /** @type {typeof fetch} */
  #fetch;
  /** @type {Map<string, RecordService<any>>} */
  #collections = new Map();

  /**
   * @param {string|URL} baseUrl where the backpack lives, e.g. `http://127.0.0.1:8080/shop` (relative URLs
   *   resolve against the page)
   * @param {BackpackOptions} [options]
   * @throws {TypeError} when the URL is not http(s) or no fetch is available
   */
  constructor(baseUrl, options = {}) {
    const location = /** @type {any} */ (globalThis).location;
    const url = new URL(String(baseUrl), location?.href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`a backpack URL is http or https, not ${url.protocol}`);
    }
    url.search = '';
    url.hash = '';
    /** The backpack's base URL, without a trailing slash. */
    this.baseUrl = url.href.replace(/\/+$/, '');
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new TypeError('no fetch available: pass one in the options');
    }
    this.#fetch = options.fetch ? fetchImpl : fetchImpl.bind(globalThis);
    /** Extra headers sent with every request. */
    this.headers = { ...(options.headers || {}) };
    /** Where the session token and user are kept. */
    this.authStore = options.authStore ?? defaultAuthStore(this.baseUrl);
    /** Users and sessions. */
    this.auth = new AuthService(this);
    /** The backpack's collections. */
    this.collections = new CollectionService(this);
    /** The signed-in user's files. */
    this.files = new FileService(this);
    /** The realtime socket (shared by every subscription and channel). */
    this.realtime = new RealtimeService(
      this,
      options.WebSocket ?? /** @type {any} */ (globalThis).WebSocket ?? null,
      options.realtime,
    );
  }

  /**
   * The records of a collection (one service per name, reused).
   *
   * @template {object} [T=import('./services/RecordService.js').BackpackRecord]
   * @param {string} name
   * @returns {RecordService<T>}
   * @throws {TypeError} when name is not a non-empty string
   */
  collection(name) {
    let service = this.#collections.get(name);
    if (!service) {
      service = new RecordService(this, name);
      this.#collections.set(name, service);
    }
    return service;
  }

  /**
   * A realtime channel (one handle per name, reused).
   *
   * @param {string} name
   * @returns {import('./services/Channel.js').Channel}
   * @throws {TypeError} when name is not a non-empty string
   */
  channel(name) {
    return this.realtime.channel(name);
  }

  /**
   * Whether the backpack's database and Redis answer.
   *
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<{status: 'UP'}>}
   * @throws {BackpackError} 503 when a backing service is down
   */
  health(options = {}) {
    return this.send('/api/health', { signal: options.signal, anonymous: true });
  }

  /**
   * The backpack's name, API version and instance id.
   *
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<{name: string, api: string, instance: string}>}
   * @throws {BackpackError} when the backpack cannot be reached
   */
  info(options = {}) {
    return this.send('/api/info', { signal: options.signal, anonymous: true });
  }

  /**
   * Closes the realtime socket and forgets every subscription and channel.
   *
   * @returns {void}
   * @throws {never}
   */
  close() {
    this.realtime.close();
  }

  /**
   * The full URL of a path of this backpack.
   *
   * @param {string} path e.g. `/api/files`
   * @param {Record<string, string|number|boolean|undefined|null>} [query]
   * @returns {string}
   * @throws {never}
   */
  buildUrl(path, query) {
    let url = this.baseUrl + (path.startsWith('/') ? path : '/' + path);
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null) {
          params.append(key, String(value));
        }
      }
      const search = params.toString();
      if (search) {
        url += (url.includes('?') ? '&' : '?') + search;
      }
    }
    return url;
  }

  /**
   * The headers every request carries: `X-Requested-With` (the server's CSRF check for cookie
   * sessions), `Accept`, the stored token, and the client's extra headers.
   *
   * @param {boolean} [anonymous] without the token
   * @returns {Record<string, string>}
   * @throws {never}
   */
  headersFor(anonymous = false) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', 'X-Requested-With': 'backpack', ...this.headers };
    const token = this.authStore.token;
    if (token && !anonymous) {
      headers.Authorization = `Bearer ${token}`;
    }
    return headers;
  }

  /**
   * Sends a request to the backpack and returns the successful response.
   *
   * @param {string} path relative to the base URL, e.g. `/api/info`
   * @param {RequestOptions} [options]
   * @returns {Promise<Response>} a 2xx response (its body unread)
   * @throws {BackpackError} for an error status (from its problem+json), a network failure or an abort
   */
  async request(path, options = {}) {
    const url = this.buildUrl(path, options.query);
    const headers = { ...this.headersFor(options.anonymous), ...(options.headers || {}) };
    let body = options.body;
    if (body !== undefined && body !== null && isJsonBody(body)) {
      body = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    /** @type {Response} */
    let response;
    try {
      response = await this.#fetch(url, {
        method: options.method || 'GET',
        headers,
        body,
        signal: options.signal,
        credentials: 'same-origin',
        ...(options.fetchOptions || {}),
      });
    } catch (e) {
      throw BackpackError.from(e, url);
    }
    if (!response.ok) {
      throw await BackpackError.fromResponse(response);
    }
    return response;
  }

  /**
   * Sends a request and returns its JSON answer (null for 204).
   *
   * @param {string} path relative to the base URL
   * @param {RequestOptions} [options]
   * @returns {Promise<any>}
   * @throws {BackpackError} for an error status, a network failure, an abort or an answer that is not JSON
   */
  async send(path, options = {}) {
    const response = await this.request(path, options);
    if (response.status === 204) {
      return null;
    }
    let text;
    try {
      text = await response.text();
      return text ? JSON.parse(text) : null;
    } catch (e) {
      throw new BackpackError({
        status: response.status,
        title: 'Invalid Response',
        detail: text === undefined ? String(e) : 'The answer is not JSON.',
        url: response.url,
        cause: e,
      });
    }
  }
}

/**
 * A plain object or array (sent as JSON), as opposed to FormData, Blob, streams, bytes and strings.
 *
 * @param {unknown} body
 * @returns {boolean}
 */
function isJsonBody(body) {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  if (Array.isArray(body)) {
    return true;
  }
  const proto = Object.getPrototypeOf(body);
  return proto === Object.prototype || proto === null;
}

/**
 * `LocalAuthStore` where `localStorage` exists (one key per backpack), else in memory.
 *
 * @param {string} baseUrl
 * @returns {AuthStore}
 */
function defaultAuthStore(baseUrl) {
  try {
    if (/** @type {any} */ (globalThis).localStorage) {
      return new LocalAuthStore(`backpack_auth:${baseUrl}`);
    }
  } catch {
    // localStorage forbidden (sandboxed frame): memory
  }
  return new AuthStore();
}
