import { BackpackError } from '../BackpackError.js';
import { reportListenerError } from '../stores/AuthStore.js';
import { Channel } from './Channel.js';

/**
 * What the socket is doing: `closed` (nothing needs it), `connecting`, `open` (authenticated and
 * restored), `reconnecting` (waiting for the next attempt after a drop), `unauthenticated` (the
 * server ended the session: waits for a new token).
 *
 * @typedef {'closed'|'connecting'|'open'|'reconnecting'|'unauthenticated'} RealtimeState
 */

/**
 * The constructor of a WebSocket (the browser's, or `ws` in Node).
 *
 * @typedef {new (url: string) => any} WebSocketConstructor
 */

/**
 * Timings of the realtime socket.
 *
 * @typedef {object} RealtimeOptions
 * @property {number} [minDelay] first reconnection delay in ms (default 500)
 * @property {number} [maxDelay] longest reconnection delay in ms (default 30000)
 * @property {number} [pingInterval] ms between client pings while open (default 25000)
 * @property {number} [requestTimeout] ms to wait for the answer to a frame (default 15000)
 */

/**
 * A change of a subscribed collection: a `snapshot` of the matching records (first, when asked
 * for, and again after every reconnection or gap), then `create`, `update` ("insert or replace":
 * a record that starts to match arrives as an update) and `delete` (also sent when a record stops
 * matching the filter).
 *
 * @template [T=import('./RecordService.js').BackpackRecord]
 * @typedef {{action: 'snapshot', records: T[], next: string|null} | {action: 'create'|'update'|'delete', record: T}} RecordEvent
 */

/**
 * @typedef {object} SubscribeParams
 * @property {string} collection
 * @property {object} [filter] the same filter language as `list`
 * @property {boolean} [snapshot] send the matching records first (and after every reconnection)
 * @property {string|string[]} [sort] order of the snapshot
 * @property {number} [limit] size of the snapshot (server default 100, at most 1000)
 */

/**
 * @typedef {object} Registration
 * @property {'subscription'|'channel'} kind
 * @property {boolean} active
 * @property {string|null} sub the server's subscription id on the current socket
 * @property {SubscribeParams} [params]
 * @property {(event: any) => void} [callback]
 * @property {((error: BackpackError) => void)|undefined} [onError]
 * @property {Channel} [channel]
 * @property {{resolve: () => void, reject: (e: BackpackError) => void}|null} ready
 * @property {Promise<void>} [joining] settles when the first join was answered (channels)
 */

const OPEN = 1;
const EARLY_LIMIT = 1000;

/**
 * The one WebSocket of a {@link Backpack} client, shared by every subscription and channel.
 *
 * It opens lazily (on the first subscription or join) and closes when nothing needs it any more;
 * it authenticates with the token of the auth store (first frame `auth`), sends the new token when
 * the store's token changes (and reconnects when it belongs to another user); after a drop it
 * reconnects with exponential backoff and jitter and restores every subscription (with a fresh
 * snapshot where one was asked for) and every channel, without the caller doing anything.
 *
 * Realtime needs a signed-in user: subscriptions and joins made while signed out are refused;
 * those made before stay registered across sign-out and come back at the next sign-in.
 */
export class RealtimeService {
  /** @type {import('../Client.js').Backpack} */
  #client;
  /** @type {WebSocketConstructor|null} */
  #WebSocket;
  /** @type {Required<RealtimeOptions>} */
  #options;

  /** @type {any} */
  #ws = null;
  /** @type {RealtimeState} */
  #state = 'closed';
  #nextId = 1;
  #attempt = 0;
  /** @type {ReturnType<typeof setTimeout>|null} */
  #retryTimer = null;
  /** @type {ReturnType<typeof setInterval>|null} */
  #pingTimer = null;
  /** whom the socket is signed in as, and with which token */
  /** @type {string|null} */
  #authUser = null;
  /** @type {string|null} */
  #authToken = null;
  /** a token the server refused (4401 or 401): no reconnection until the token changes */
  /** @type {string|null|undefined} */
  #refusedToken = undefined;

  /** @type {Map<number, {resolve: (frame: any) => void, reject: (e: BackpackError) => void, ws: any, timer: ReturnType<typeof setTimeout>}>} */
  #pending = new Map();
  /** @type {Set<Registration>} */
  #subscriptions = new Set();
  /** @type {Map<string, Registration>} */
  #bySub = new Map();
  /** frames for subscription ids whose ack has not arrived yet */
  /** @type {Map<string, any[]>} */
  #early = new Map();
  /** @type {Map<string, Registration>} */
  #joined = new Map();
  /** @type {Map<string, Channel>} */
  #channels = new Map();
  /** frames waiting for the socket (publish while reconnecting) */
  /** @type {{frame: any, resolve: (frame: any) => void, reject: (e: BackpackError) => void}[]} */
  #queue = [];
  /** @type {Set<(state: RealtimeState) => void>} */
  #stateListeners = new Set();
  /** @type {Set<(error: BackpackError) => void>} */
  #errorListeners = new Set();

  /**
   * @param {import('../Client.js').Backpack} client
   * @param {WebSocketConstructor|null} WebSocketImpl the WebSocket constructor (browser global by default)
   * @param {RealtimeOptions} [options]
   * @throws {never}
   */
  constructor(client, WebSocketImpl, options = {}) {
    this.#client = client;
    this.#WebSocket = WebSocketImpl;
    this.#options = {
      minDelay: options.minDelay ?? 500,
      maxDelay: options.maxDelay ?? 30000,
      pingInterval: options.pingInterval ?? 25000,
      requestTimeout: options.requestTimeout ?? 15000,
    };
    client.authStore.onChange((token) => this.#tokenChanged(token));
  }

  /**
   * The socket's URL: `ws(s)://…/api/realtime`.
   *
   * @returns {string}
   */
  get url() {
    return this.#client.buildUrl('/api/realtime').replace(/^http/, 'ws');
  }

  /**
   * What the socket is doing now.
   *
   * @returns {RealtimeState}
   */
  get state() {
    return this.#state;
  }

  /**
   * Whether the socket is open, authenticated and restored.
   *
   * @returns {boolean}
   */
  get isConnected() {
    return this.#state === 'open';
  }

  /**
   * Listens to state changes (`connecting`, `open`, `reconnecting`, …).
   *
   * @param {(state: RealtimeState) => void} callback
   * @returns {() => void} removes the listener
   * @throws {TypeError} when callback is not a function
   */
  onState(callback) {
    return addListener(this.#stateListeners, callback);
  }

  /**
   * Listens to errors no caller is waiting for: frames the server dropped (429), a session the
   * server ended (401), a subscription refused on restore (403 after a rules change).
   *
   * @param {(error: BackpackError) => void} callback
   * @returns {() => void} removes the listener
   * @throws {TypeError} when callback is not a function
   */
  onError(callback) {
    return addListener(this.#errorListeners, callback);
  }

  /**
   * The handle of a channel (one per name and client).
   *
   * @param {string} name
   * @returns {Channel}
   * @throws {TypeError} when name is not a non-empty string
   */
  channel(name) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError('a channel needs a name');
    }
    let channel = this.#channels.get(name);
    if (!channel) {
      channel = new Channel(this, name);
      this.#channels.set(name, channel);
    }
    return channel;
  }

  /**
   * Subscribes to the changes of a collection; `collection.subscribe` is the usual way in.
   *
   * @param {SubscribeParams} params
   * @param {(event: RecordEvent<any>) => void} callback
   * @param {{onError?: (error: BackpackError) => void}} [options]
   * @returns {Promise<() => Promise<void>>} resolves with the unsubscribe function once the server acknowledged
   * @throws {BackpackError} 401 when signed out; the server's error (400 bad filter, 403, 422 too many)
   */
  async subscribe(params, callback, options = {}) {
    if (typeof callback !== 'function') {
      throw new TypeError('subscribe needs a callback');
    }
    this.#requireToken();
    /** @type {Registration} */
    const registration = {
      kind: 'subscription',
      active: true,
      sub: null,
      params,
      callback,
      onError: options.onError,
      ready: null,
    };
    const ready = new Promise((resolve, reject) => {
      registration.ready = { resolve: () => resolve(undefined), reject };
    });
    this.#subscriptions.add(registration);
    if (this.#state === 'open') {
      this.#restore(registration, this.#ws);
    } else {
      this.#ensure();
    }
    await ready;
    return () => this.#unsubscribe(registration);
  }

  /**
   * Joins a channel; `channel.join()` is the usual way in.
   *
   * @param {Channel} channel
   * @returns {Promise<void>} once the server acknowledged
   * @throws {BackpackError} 401 when signed out; the server's error (422 too many channels)
   */
  async join(channel) {
    this.#requireToken();
    const existing = this.#joined.get(channel.name);
    if (existing) {
      return existing.joining;
    }
    /** @type {Registration} */
    const registration = { kind: 'channel', active: true, sub: null, channel, ready: null };
    const ready = new Promise((resolve, reject) => {
      registration.ready = { resolve: () => resolve(undefined), reject };
    });
    registration.joining = ready.catch(() => {});
    this.#joined.set(channel.name, registration);
    if (this.#state === 'open') {
      this.#restore(registration, this.#ws);
    } else {
      this.#ensure();
    }
    await ready;
  }

  /**
   * Leaves a channel; `channel.leave()` is the usual way in.
   *
   * @param {Channel} channel
   * @returns {Promise<void>}
   * @throws {never} leaving while disconnected is done locally
   */
  async leave(channel) {
    const registration = this.#joined.get(channel.name);
    if (!registration) {
      return;
    }
    registration.active = false;
    this.#joined.delete(channel.name);
    registration.ready?.reject(new BackpackError({ status: 0, title: 'Left', detail: 'Left the channel before joining it.' }));
    registration.ready = null;
    channel._presence([]);
    if (this.#state === 'open') {
      await this.#request({ type: 'leave', channel: channel.name }, this.#ws).catch(() => {});
    }
    this.#closeIfUnused();
  }

  /**
   * Whether this client has joined (or is joining) a channel.
   *
   * @param {string} name
   * @returns {boolean}
   */
  isJoined(name) {
    return this.#joined.has(name);
  }

  /**
   * Publishes to a joined channel; `channel.publish(data)` is the usual way in. Waits for the
   * socket while it reconnects.
   *
   * @param {string} name
   * @param {unknown} data any JSON value
   * @returns {Promise<void>} once the server acknowledged
   * @throws {BackpackError} 403 when the channel was not joined; the server's error (413, 429)
   */
  async publish(name, data) {
    if (!this.#joined.has(name)) {
      throw new BackpackError({ status: 403, detail: `Join channel '${name}' before publishing to it.` });
    }
    if (data === undefined) {
      throw new BackpackError({ status: 400, detail: 'data: is required: any JSON value', errors: [{ field: 'data', message: 'is required: any JSON value' }] });
    }
    await this.#send({ type: 'publish', channel: name, data });
  }

  /**
   * Round trip to the server (`ping` → `pong`), opening the socket if needed.
   *
   * @returns {Promise<number>} milliseconds the round trip took
   * @throws {BackpackError} when the socket cannot answer in time
   */
  async ping() {
    this.#requireToken();
    const started = Date.now();
    await this.#send({ type: 'ping' });
    return Date.now() - started;
  }

  /**
   * Drops the socket now, as a network failure would: the client reconnects with backoff and
   * restores everything. For tests and for "reconnect now" buttons.
   *
   * @returns {void}
   * @throws {never}
   */
  reconnect() {
    if (this.#ws) {
      this.#drop(this.#ws, 4000, 'client reconnect');
    } else if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#ensure();
    }
  }

  /**
   * Closes the socket and forgets every subscription and channel.
   *
   * @returns {void}
   * @throws {never}
   */
  close() {
    for (const registration of this.#subscriptions) {
      registration.active = false;
      registration.ready?.reject(new BackpackError({ status: 0, title: 'Closed', detail: 'The realtime client was closed.' }));
    }
    this.#subscriptions.clear();
    for (const registration of this.#joined.values()) {
      registration.active = false;
      registration.ready?.reject(new BackpackError({ status: 0, title: 'Closed', detail: 'The realtime client was closed.' }));
      registration.channel?._presence([]);
    }
    this.#joined.clear();
    this.#closeIfUnused();
  }

  // --- the socket -------------------------------------------------------------------------

  #requireToken() {
    const token = this.#client.authStore.token;
    if (!token) {
      throw new BackpackError({ status: 401, detail: 'Sign in first: realtime needs a signed-in user.' });
    }
    if (token === this.#refusedToken) {
      throw new BackpackError({ status: 401, detail: 'The server ended this session; sign in again.' });
    }
  }

  #needed() {
    return this.#subscriptions.size > 0 || this.#joined.size > 0 || this.#queue.length > 0;
  }

  /** Opens the socket when something needs it and nothing is under way. */
  #ensure() {
    if (this.#ws || this.#retryTimer || !this.#needed()) {
      return;
    }
    const token = this.#client.authStore.token;
    if (!token || token === this.#refusedToken) {
      this.#setState('unauthenticated');
      return;
    }
    this.#open();
  }

  #open() {
    const WebSocketImpl = this.#WebSocket;
    if (!WebSocketImpl) {
      const error = new BackpackError({
        status: 0,
        title: 'No WebSocket',
        detail: 'This runtime has no WebSocket: pass one, e.g. new Backpack(url, { WebSocket }) with the ws package.',
      });
      this.#failAll(error);
      return;
    }
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    let ws;
    try {
      ws = new WebSocketImpl(this.url);
    } catch (e) {
      this.#scheduleRetry();
      this.#emitError(BackpackError.from(e, this.url));
      return;
    }
    this.#ws = ws;
    ws.onopen = () => this.#opened(ws);
    ws.onmessage = (/** @type {any} */ event) => this.#received(ws, event.data);
    ws.onclose = (/** @type {any} */ event) => this.#closed(ws, event.code, event.reason);
    ws.onerror = () => {
      // a close event follows
    };
  }

  /** @param {any} ws */
  async #opened(ws) {
    const token = this.#client.authStore.token;
    if (!token) {
      this.#drop(ws, 1000, 'signed out', true);
      this.#ensure();
      return;
    }
    try {
      const ack = await this.#request({ type: 'auth', token }, ws);
      if (ws !== this.#ws) {
        return;
      }
      this.#authUser = ack.user?.id ?? null;
      this.#authToken = token;
    } catch (e) {
      if (ws !== this.#ws) {
        return;
      }
      const error = BackpackError.from(e, this.url);
      if (error.status === 401) {
        this.#refusedToken = token;
        this.#drop(ws, 1000, 'token refused', true);
        this.#setState('unauthenticated');
        this.#emitError(error);
      } else {
        this.#drop(ws, 4000, 'auth failed');
      }
      return;
    }
    this.#attempt = 0;
    this.#setState('open');
    this.#startPing(ws);
    for (const registration of this.#joined.values()) {
      this.#restore(registration, ws);
    }
    for (const registration of this.#subscriptions) {
      this.#restore(registration, ws);
    }
    const queued = this.#queue.splice(0);
    for (const item of queued) {
      this.#request(item.frame, ws).then(item.resolve, item.reject);
    }
  }

  /**
   * Sends the frame that (re)creates a subscription or a channel membership on this socket.
   *
   * @param {Registration} registration
   * @param {any} ws
   */
  #restore(registration, ws) {
    /** @type {any} */
    let frame;
    if (registration.kind === 'channel') {
      frame = { type: 'join', channel: registration.channel?.name };
    } else {
      const p = /** @type {SubscribeParams} */ (registration.params);
      frame = { type: 'subscribe', collection: p.collection };
      if (p.filter && Object.keys(p.filter).length > 0) {
        frame.filter = p.filter;
      }
      if (p.snapshot) {
        frame.snapshot = true;
      }
      if (p.sort) {
        frame.sort = Array.isArray(p.sort) ? p.sort.join(',') : p.sort;
      }
      if (p.limit !== undefined) {
        frame.limit = p.limit;
      }
    }
    this.#request(frame, ws).then(
      (ack) => {
        if (ws !== this.#ws) {
          return;
        }
        if (!registration.active) {
          if (registration.kind === 'subscription' && ack.sub) {
            this.#request({ type: 'unsubscribe', sub: ack.sub }, ws).catch(() => {});
          }
          return;
        }
        if (registration.kind === 'subscription') {
          registration.sub = ack.sub;
          this.#bySub.set(ack.sub, registration);
          const early = this.#early.get(ack.sub) || [];
          this.#early.delete(ack.sub);
          for (const frame of early) {
            this.#dispatch(frame);
          }
        }
        registration.ready?.resolve();
        registration.ready = null;
      },
      (/** @type {BackpackError} */ error) => {
        if (error.status === 0) {
          return; // the socket went away: the next socket restores it
        }
        if (registration.kind === 'subscription') {
          this.#subscriptions.delete(registration);
        } else if (registration.channel) {
          this.#joined.delete(registration.channel.name);
        }
        registration.active = false;
        if (registration.ready) {
          registration.ready.reject(error);
          registration.ready = null;
        } else if (registration.onError) {
          registration.onError(error);
        } else {
          this.#emitError(error);
        }
        this.#closeIfUnused();
      },
    );
  }

  /**
   * @param {Registration} registration
   * @returns {Promise<void>}
   */
  async #unsubscribe(registration) {
    if (!this.#subscriptions.has(registration)) {
      return;
    }
    registration.active = false;
    this.#subscriptions.delete(registration);
    registration.ready?.reject(new BackpackError({ status: 0, title: 'Unsubscribed', detail: 'Unsubscribed before the server answered.' }));
    registration.ready = null;
    const sub = registration.sub;
    registration.sub = null;
    if (sub) {
      this.#bySub.delete(sub);
      if (this.#state === 'open' && this.#needed()) {
        await this.#request({ type: 'unsubscribe', sub }, this.#ws).catch(() => {});
      }
    }
    this.#closeIfUnused();
  }

  /**
   * Sends a frame now when the socket is open, else once it is.
   *
   * @param {any} frame
   * @returns {Promise<any>} the ack
   */
  #send(frame) {
    if (this.#state === 'open') {
      return this.#request(frame, this.#ws);
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ frame, resolve, reject });
      this.#ensure();
    });
  }

  /**
   * Sends a frame with a fresh id and waits for its `ack`, `pong` or `error`.
   *
   * @param {any} frame
   * @param {any} ws
   * @returns {Promise<any>}
   */
  #request(frame, ws) {
    return new Promise((resolve, reject) => {
      if (!ws || ws.readyState !== OPEN) {
        reject(new BackpackError({ status: 0, title: 'Disconnected', detail: 'The realtime socket is not open.', url: this.url }));
        return;
      }
      const id = this.#nextId++;
      const timer = setTimeout(() => {
        if (this.#pending.delete(id)) {
          reject(new BackpackError({ status: 0, title: 'Timeout', detail: `No answer to '${frame.type}' within ${this.#options.requestTimeout} ms.`, url: this.url }));
        }
      }, this.#options.requestTimeout);
      this.#pending.set(id, { resolve, reject, ws, timer });
      try {
        ws.send(JSON.stringify({ ...frame, id }));
      } catch (e) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(BackpackError.from(e, this.url));
      }
    });
  }

  /**
   * @param {any} ws
   * @param {unknown} data
   */
  #received(ws, data) {
    if (ws !== this.#ws) {
      return;
    }
    /** @type {any} */
    let frame;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') {
      return;
    }
    if (frame.id !== undefined && (frame.type === 'ack' || frame.type === 'error' || frame.type === 'pong')) {
      const pending = this.#pending.get(frame.id);
      if (pending) {
        this.#pending.delete(frame.id);
        clearTimeout(pending.timer);
        if (frame.type === 'error') {
          pending.reject(BackpackError.fromFrame(frame, this.url));
        } else {
          pending.resolve(frame);
        }
      }
      return;
    }
    if (frame.type === 'error') {
      this.#emitError(BackpackError.fromFrame(frame, this.url));
      return;
    }
    if (frame.type === 'gap') {
      this.#resnapshot(ws);
      return;
    }
    this.#dispatch(frame);
  }

  /** @param {any} frame */
  #dispatch(frame) {
    switch (frame.type) {
      case 'snapshot':
      case 'change': {
        const registration = this.#bySub.get(frame.sub);
        if (!registration) {
          // a change may overtake the ack of its subscription: keep it until the ack arrives
          const early = this.#early.get(frame.sub) || [];
          if (early.length < EARLY_LIMIT) {
            early.push(frame);
            this.#early.set(frame.sub, early);
          }
          return;
        }
        if (!registration.active || !registration.callback) {
          return;
        }
        const event =
          frame.type === 'snapshot'
            ? { action: 'snapshot', records: frame.items || [], next: frame.next ?? null }
            : { action: frame.op, record: frame.record };
        try {
          registration.callback(event);
        } catch (e) {
          reportListenerError(e);
        }
        return;
      }
      case 'message': {
        this.#channels.get(frame.channel)?._emit('message', { channel: frame.channel, from: frame.from, data: frame.data });
        return;
      }
      case 'presence': {
        if (this.#joined.has(frame.channel)) {
          this.#channels.get(frame.channel)?._presence(Array.isArray(frame.members) ? frame.members : []);
        }
        return;
      }
      default:
      // frames of later versions are ignored
    }
  }

  /**
   * The server may have missed events (Redis was away): subscribe again, with fresh snapshots.
   *
   * @param {any} ws
   */
  #resnapshot(ws) {
    for (const registration of this.#subscriptions) {
      const old = registration.sub;
      if (old) {
        this.#bySub.delete(old);
        registration.sub = null;
        this.#request({ type: 'unsubscribe', sub: old }, ws).catch(() => {});
      }
      this.#restore(registration, ws);
    }
  }

  /**
   * @param {any} ws
   * @param {number} code
   * @param {string} reason
   * @param {boolean} [retry] reconnect (with backoff) when something still needs the socket
   */
  #closed(ws, code, reason, retry = true) {
    if (ws !== this.#ws) {
      return;
    }
    this.#ws = null;
    this.#authUser = null;
    this.#authToken = null;
    this.#bySub.clear();
    this.#early.clear();
    this.#stopPing();
    for (const registration of this.#subscriptions) {
      registration.sub = null;
    }
    for (const [id, pending] of this.#pending) {
      if (pending.ws === ws) {
        this.#pending.delete(id);
        clearTimeout(pending.timer);
        pending.reject(new BackpackError({ status: 0, title: 'Disconnected', detail: `The realtime socket closed (${code}${reason ? ' ' + reason : ''}).`, url: this.url }));
      }
    }
    for (const registration of this.#joined.values()) {
      registration.channel?._presence([]);
    }
    if (code === 4401) {
      // the server ended the session (sign-out elsewhere, password changed): wait for a new token
      this.#refusedToken = this.#client.authStore.token;
      this.#setState('unauthenticated');
      this.#emitError(new BackpackError({ status: 401, detail: `The server closed the realtime socket: ${reason || 'session ended'}. Sign in again.`, url: this.url }));
      return;
    }
    if (!this.#needed()) {
      this.#setState('closed');
      return;
    }
    if (retry) {
      this.#scheduleRetry(code === 4429 ? 10 : 0);
    }
  }

  /**
   * Waits before the next attempt: exponential backoff with jitter (half fixed, half random).
   *
   * @param {number} [penalty] extra doublings (the server said we were too fast)
   */
  #scheduleRetry(penalty = 0) {
    const { minDelay, maxDelay } = this.#options;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(this.#attempt + penalty, 30));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.#attempt++;
    this.#setState('reconnecting');
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#ensure();
    }, delay);
  }

  /**
   * Forgets a socket at once (a close event may never come from a dead connection).
   *
   * @param {any} ws
   * @param {number} code
   * @param {string} reason
   * @param {boolean} [quietly] no reconnection (the caller decides what comes next)
   */
  #drop(ws, code, reason, quietly = false) {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code >= 4000 || code === 1000 ? code : 1000, reason);
    } catch {
      // already closed
    }
    this.#closed(ws, quietly ? 1000 : 1006, reason, !quietly);
  }

  #closeIfUnused() {
    if (this.#needed()) {
      return;
    }
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
    this.#attempt = 0;
    if (this.#ws) {
      this.#drop(this.#ws, 1000, 'no subscriptions', true);
    }
    this.#setState('closed');
  }

  /** @param {string|null} token */
  #tokenChanged(token) {
    if (token && token === this.#authToken) {
      return;
    }
    this.#refusedToken = undefined;
    const ws = this.#ws;
    if (!ws) {
      if (this.#retryTimer) {
        clearTimeout(this.#retryTimer);
        this.#retryTimer = null;
      }
      this.#attempt = 0;
      if (token) {
        this.#ensure();
      } else if (this.#needed()) {
        this.#setState('unauthenticated');
      }
      return;
    }
    if (!token) {
      // signed out: the registrations stay and come back with the next sign-in
      this.#drop(ws, 1000, 'signed out', true);
      this.#setState(this.#needed() ? 'unauthenticated' : 'closed');
      return;
    }
    if (this.#state !== 'open' || !this.#authUser) {
      this.#drop(ws, 4000, 'token changed', true);
      this.#attempt = 0;
      this.#ensure();
      return;
    }
    // same socket, new token: push it (supabase-js does the same); another user needs a new socket
    const user = this.#client.authStore.user;
    if (user && user.id !== this.#authUser) {
      this.#drop(ws, 4000, 'user changed', true);
      this.#attempt = 0;
      this.#ensure();
      return;
    }
    this.#request({ type: 'auth', token }, ws).then(
      (ack) => {
        if (ws === this.#ws && this.#client.authStore.token === token) {
          this.#authToken = token;
          this.#authUser = ack.user?.id ?? this.#authUser;
        }
      },
      (/** @type {BackpackError} */ error) => {
        if (ws === this.#ws && error.status !== 0 && this.#client.authStore.token === token) {
          this.#drop(ws, 4000, 'token push refused', true);
          this.#attempt = 0;
          this.#ensure();
        }
      },
    );
  }

  /** @param {any} ws */
  #startPing(ws) {
    this.#stopPing();
    const interval = this.#options.pingInterval;
    if (!(interval > 0)) {
      return;
    }
    this.#pingTimer = setInterval(() => {
      if (ws !== this.#ws) {
        return;
      }
      this.#request({ type: 'ping' }, ws).catch((/** @type {BackpackError} */ error) => {
        if (ws === this.#ws && error.title === 'Timeout') {
          this.#drop(ws, 4000, 'no pong');
        }
      });
    }, interval);
    // never keeps a Node process alive on its own
    /** @type {any} */ (this.#pingTimer).unref?.();
  }

  #stopPing() {
    if (this.#pingTimer) {
      clearInterval(this.#pingTimer);
      this.#pingTimer = null;
    }
  }

  /** @param {BackpackError} error */
  #failAll(error) {
    for (const registration of [...this.#subscriptions, ...this.#joined.values()]) {
      registration.ready?.reject(error);
      registration.ready = null;
      registration.active = false;
    }
    this.#subscriptions.clear();
    this.#joined.clear();
    for (const item of this.#queue.splice(0)) {
      item.reject(error);
    }
    this.#emitError(error);
  }

  /** @param {RealtimeState} state */
  #setState(state) {
    if (state === this.#state) {
      return;
    }
    this.#state = state;
    for (const listener of [...this.#stateListeners]) {
      try {
        listener(state);
      } catch (e) {
        reportListenerError(e);
      }
    }
  }

  /** @param {BackpackError} error */
  #emitError(error) {
    for (const listener of [...this.#errorListeners]) {
      try {
        listener(error);
      } catch (e) {
        reportListenerError(e);
      }
    }
  }
}

/**
 * @template T
 * @param {Set<T>} set
 * @param {T} callback
 * @returns {() => void}
 */
function addListener(set, callback) {
  if (typeof callback !== 'function') {
    throw new TypeError('a listener must be a function');
  }
  set.add(callback);
  return () => {
    set.delete(callback);
  };
}
