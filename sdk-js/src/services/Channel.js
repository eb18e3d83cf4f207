import { reportListenerError } from '../stores/AuthStore.js';

/**
 * A message published to a channel. The sender does not receive its own messages.
 *
 * @typedef {object} ChannelMessage
 * @property {string} channel
 * @property {{userId: string}} from who published it
 * @property {any} data what was published
 */

/**
 * Who is in a channel: user ids, once each however many sockets a user has.
 *
 * @typedef {object} ChannelPresence
 * @property {string} channel
 * @property {string[]} members
 */

/**
 * @typedef {{message: ChannelMessage, presence: ChannelPresence}} ChannelEvents
 */

/**
 * A named channel of the backpack's realtime socket: join it, publish JSON to its members, hear
 * their messages and who is present. Get one with `bp.channel('room-1')`; it is restored after
 * every reconnection while joined.
 *
 * @example
 * const room = bp.channel('room-1');
 * room.on('message', (m) => console.log(m.from.userId, m.data));
 * room.on('presence', (p) => console.log('here:', p.members));
 * await room.join();
 * await room.publish({ text: 'hello' });
 */
export class Channel {
  /** @type {import('./RealtimeService.js').RealtimeService} */
  #realtime;
  /** @type {string[]} */
  #members = [];
  /** @type {{[K in keyof ChannelEvents]: Set<(event: ChannelEvents[K]) => void>}} */
  #listeners = { message: new Set(), presence: new Set() };

  /**
   * @param {import('./RealtimeService.js').RealtimeService} realtime
   * @param {string} name
   * @throws {never}
   */
  constructor(realtime, name) {
    this.#realtime = realtime;
    /** The channel's name. */
    this.name = name;
  }

  /**
   * The members present, as of the last presence event (empty while not joined).
   *
   * @returns {string[]}
   */
  get members() {
    return [...this.#members];
  }

  /**
   * Whether this client has joined the channel (or is joining it).
   *
   * @returns {boolean}
   */
  get joined() {
    return this.#realtime.isJoined(this.name);
  }

  /**
   * Joins the channel (opening the socket if needed); idempotent.
   *
   * @returns {Promise<void>} once the server acknowledged
   * @throws {BackpackError} 401 when signed out; 400 for a bad name; 422 over the channel limit
   */
  join() {
    return this.#realtime.join(this);
  }

  /**
   * Leaves the channel; idempotent.
   *
   * @returns {Promise<void>}
   * @throws {never}
   */
  leave() {
    return this.#realtime.leave(this);
  }

  /**
   * Publishes a JSON value to the other members.
   *
   * @param {unknown} data any JSON value
   * @returns {Promise<void>} once the server acknowledged
   * @throws {BackpackError} 403 when not joined; 413 when too large; 429 when too fast
   */
  publish(data) {
    return this.#realtime.publish(this.name, data);
  }

  /**
   * Listens to `message` or `presence` events.
   *
   * @template {keyof ChannelEvents} K
   * @param {K} event `message` or `presence`
   * @param {(event: ChannelEvents[K]) => void} callback
   * @returns {() => void} removes the listener
   * @throws {TypeError} for an unknown event or a callback that is not a function
   */
  on(event, callback) {
    const listeners = this.#listeners[event];
    if (!listeners) {
      throw new TypeError(`unknown channel event '${String(event)}': use 'message' or 'presence'`);
    }
    if (typeof callback !== 'function') {
      throw new TypeError('a listener must be a function');
    }
    listeners.add(/** @type {any} */ (callback));
    return () => {
      listeners.delete(/** @type {any} */ (callback));
    };
  }

  /**
   * Delivers an event to the listeners (called by the realtime service).
   *
   * @internal
   * @param {keyof ChannelEvents} event
   * @param {any} payload
   * @returns {void}
   */
  _emit(event, payload) {
    for (const listener of [...this.#listeners[event]]) {
      try {
        listener(payload);
      } catch (e) {
        reportListenerError(e);
      }
    }
  }

  /**
   * Sets the members and tells the presence listeners when they changed (called by the realtime
   * service; an empty list when the socket goes away or the channel is left).
   *
   * @internal
   * @param {string[]} members
   * @returns {void}
   */
  _presence(members) {
    const same = members.length === this.#members.length && members.every((m, i) => m === this.#members[i]);
    this.#members = [...members];
    if (!same || members.length > 0) {
      this._emit('presence', { channel: this.name, members: this.members });
    }
  }
}
