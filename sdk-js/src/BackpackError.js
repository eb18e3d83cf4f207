/**
 * One field of a validation error: which field and what is wrong with it.
 *
 * @typedef {object} FieldError
 * @property {string} field the field's name (`"password"`, `"limit"`, `"record.id"`, `"(body)"`)
 * @property {string} message what is wrong with it
 */

const TITLES = {
  0: 'Network Error',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/**
 * Every failure of the SDK: an HTTP error answered with problem+json, an `error` frame of the
 * realtime socket, a network failure (`status` 0) or an aborted request (`isAbort`).
 *
 * @example
 * try {
 *   await bp.auth.register(email, 'short');
 * } catch (e) {
 *   if (e instanceof BackpackError && e.status === 400) {
 *     console.log(e.fieldErrors.password); // "must have 8 to 1024 characters"
 *   }
 * }
 */
export class BackpackError extends Error {
  /**
   * @param {object} [init]
   * @param {number} [init.status] HTTP status; 0 when no answer came (network failure, abort)
   * @param {string} [init.type] problem type URI, e.g. `urn:backpack:problem:validation`
   * @param {string} [init.title] short summary of the status, e.g. `Bad Request`
   * @param {string} [init.detail] what went wrong, for people
   * @param {FieldError[]} [init.errors] validation errors per field
   * @param {number|null} [init.retryAfter] seconds to wait (429, 503), from `Retry-After`
   * @param {string} [init.url] the URL of the failed request (or of the socket)
   * @param {boolean} [init.isAbort] whether the request was aborted by its `signal`
   * @param {unknown} [init.data] the raw error body
   * @param {unknown} [init.cause] the underlying error (network failures)
   */
  constructor(init = {}) {
    const status = init.status ?? 0;
    const title = init.title || TITLES[status] || (status ? `HTTP ${status}` : 'Network Error');
    const detail = init.detail || '';
    super(detail ? `${status ? status + ' ' : ''}${title}: ${detail}` : `${status ? status + ' ' : ''}${title}`, {
      cause: init.cause,
    });
    this.name = 'BackpackError';
    /** HTTP status of the failure; 0 when the server was not reached or the request was aborted. */
    this.status = status;
    /** Problem type URI (`about:blank` when the server sent none). */
    this.type = init.type || 'about:blank';
    /** Short summary of the problem type. */
    this.title = title;
    /** Human-readable explanation of this occurrence. */
    this.detail = detail;
    /** @type {FieldError[]} validation errors, one per field; empty when there are none. */
    this.errors = Array.isArray(init.errors) ? init.errors : [];
    /** Seconds the server asked to wait before trying again (429, 503), or null. */
    this.retryAfter = init.retryAfter ?? null;
    /** URL of the request that failed. */
    this.url = init.url || '';
    /** True when the request was aborted through its `AbortSignal`. */
    this.isAbort = Boolean(init.isAbort);
    /** The raw error body as received. */
    this.data = init.data ?? null;
  }

  /**
   * The validation errors as `{field: message}` (the first message of each field).
   *
   * @returns {Record<string, string>}
   */
  get fieldErrors() {
    /** @type {Record<string, string>} */
    const byField = {};
    for (const e of this.errors) {
      if (e && typeof e.field === 'string' && !(e.field in byField)) {
        byField[e.field] = String(e.message);
      }
    }
    return byField;
  }

  /**
   * A plain object with the error's fields (for logging and `JSON.stringify`).
   *
   * @returns {{status: number, type: string, title: string, detail: string, errors: FieldError[], retryAfter: number|null, url: string}}
   */
  toJSON() {
    return {
      status: this.status,
      type: this.type,
      title: this.title,
      detail: this.detail,
      errors: this.errors,
      retryAfter: this.retryAfter,
      url: this.url,
    };
  }

  /**
   * Builds the error for an HTTP answer that is not a success, reading its problem+json body.
   *
   * @param {Response} response the failed response (its body is consumed)
   * @returns {Promise<BackpackError>}
   * @throws {never} a body that cannot be read becomes part of the error, never a new failure
   */
  static async fromResponse(response) {
    /** @type {any} */
    let data = null;
    try {
      const text = await response.text();
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        data = text;
      }
    } catch {
      data = null;
    }
    const problem = data && typeof data === 'object' ? data : {};
    return new BackpackError({
      status: response.status,
      type: typeof problem.type === 'string' ? problem.type : undefined,
      title: typeof problem.title === 'string' ? problem.title : response.statusText || undefined,
      detail: typeof problem.detail === 'string' ? problem.detail : typeof data === 'string' ? data.slice(0, 500) : '',
      errors: Array.isArray(problem.errors) ? problem.errors : [],
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
      url: response.url,
      data,
    });
  }

  /**
   * Builds the error of a realtime `error` frame (`{type:"error", id?, status, detail, errors?}`).
   *
   * @param {any} frame the parsed frame
   * @param {string} [url] the socket's URL
   * @returns {BackpackError}
   * @throws {never}
   */
  static fromFrame(frame, url) {
    return new BackpackError({
      status: typeof frame?.status === 'number' ? frame.status : 0,
      type: typeof frame?.problem === 'string' ? frame.problem : undefined,
      title: typeof frame?.title === 'string' ? frame.title : undefined,
      detail: typeof frame?.detail === 'string' ? frame.detail : '',
      errors: Array.isArray(frame?.errors) ? frame.errors : [],
      url,
      data: frame,
    });
  }

  /**
   * Wraps anything thrown by `fetch` (or a socket) into a BackpackError; returns a BackpackError as is.
   *
   * @param {unknown} error what was thrown
   * @param {string} [url] the URL concerned
   * @returns {BackpackError}
   * @throws {never}
   */
  static from(error, url) {
    if (error instanceof BackpackError) {
      return error;
    }
    const e = /** @type {any} */ (error);
    const isAbort = e?.name === 'AbortError' || e?.name === 'TimeoutError';
    return new BackpackError({
      status: 0,
      title: isAbort ? 'Aborted' : 'Network Error',
      detail: isAbort ? 'The request was aborted.' : String(e?.cause?.message || e?.message || e || 'The server could not be reached.'),
      url,
      isAbort,
      cause: error,
    });
  }
}

/**
 * @param {string|null} value a `Retry-After` header: seconds or an HTTP date
 * @returns {number|null} seconds
 */
function parseRetryAfter(value) {
  if (!value) {
    return null;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
