// The platform's JSON API: fetch with the session cookie, the CSRF header on every write, and
// problem+json turned into an ApiError {status, detail, errors}.
const BASE = new URL('api/', document.baseURI).pathname;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || problem.title || `The request failed (HTTP ${status}).`;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/** Called with every 401 of a call made while signed in (the app then shows the sign-in). */
let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

/**
 * @param {string} path below /admin/api/ (no leading slash), may carry a query
 * @param {{method?: string, body?: unknown, query?: Record<string, unknown>, quiet401?: boolean}} options
 */
export async function api(path, { method = 'GET', body, query, quiet401 = false } = {}) {
  let url = BASE + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    const q = params.toString();
    if (q) url += (url.includes('?') ? '&' : '?') + q;
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-Requested-With'] = 'XMLHttpRequest';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, { detail: 'The platform cannot be reached. Is it running?' });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => ({})) : await response.text();
  if (!response.ok) {
    const problem = typeof data === 'object' && data ? data : { detail: String(data).slice(0, 300) };
    if (response.status === 401 && !quiet401) onUnauthorized();
    throw new ApiError(response.status, problem);
  }
  return data;
}

/** URL of a platform route for links (downloads). */
export function apiUrl(path) {
  return BASE + path;
}

/**
 * Follows an operation's steps live. Calls onStep(step) per step and resolves with the final
 * operation (the `end` event); the EventSource is closed on `end` so it does not reconnect.
 */
export function followOperation(operation, onStep, signal) {
  return new Promise((resolve, reject) => {
    const events = operation.links?.events || `operations/${operation.id}/events`;
    const url = events.startsWith('/') ? events : BASE + events.replace(/^api\//, '');
    const source = new EventSource(url, { withCredentials: true });
    const seen = new Set();
    signal?.addEventListener('abort', () => source.close());
    source.addEventListener('step', (e) => {
      const step = JSON.parse(e.data);
      if (seen.has(step.seq)) return;
      seen.add(step.seq);
      onStep(step);
    });
    source.addEventListener('end', (e) => {
      source.close();
      resolve(JSON.parse(e.data));
    });
    source.onerror = () => {
      // the stream broke before `end`: ask for the operation itself
      if (source.readyState === EventSource.CLOSED) {
        api(`operations/${operation.id}`).then(resolve, reject);
      }
    };
  });
}

const enc = encodeURIComponent;
export const paths = {
  backpack: (name) => `backpacks/${enc(name)}`,
  deployment: (name) => `backpacks/${enc(name)}/deployment`,
  browse: (name, ...rest) => `backpacks/${enc(name)}/${rest.map(enc).join('/')}`,
};
