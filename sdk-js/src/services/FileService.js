import { CrudService } from './CrudService.js';
import { BackpackError } from '../BackpackError.js';

/**
 * The metadata of a stored file.
 *
 * @typedef {object} FileInfo
 * @property {string} id
 * @property {string} name the display name
 * @property {number} size bytes
 * @property {string} contentType as the server decided it from the bytes and the client's claim
 * @property {string} sha256 hex
 * @property {string|null} owner
 * @property {boolean} public readable by anyone (else only by the owner)
 * @property {string} createdAt ISO-8601
 * @property {string} url the download path, e.g. `/shop/api/files/<id>` (see `files.url(id)` for a full URL)
 */

/**
 * Upload progress: bytes of the request body sent so far, of `total`.
 *
 * @typedef {object} UploadProgress
 * @property {number} loaded
 * @property {number} total
 */

/**
 * Options of an upload.
 *
 * @typedef {object} UploadOptions
 * @property {string} [name] display name (default: the file's own name)
 * @property {boolean} [public] readable by anyone, e.g. for `<img src>` (default false: only the owner)
 * @property {(progress: UploadProgress) => void} [onProgress] called while the bytes go out
 * @property {AbortSignal} [signal] aborts the upload (the server keeps nothing)
 */

/**
 * What can be uploaded: a `File`, a `Blob`, bytes or text.
 *
 * @typedef {Blob|ArrayBuffer|ArrayBufferView|string} Uploadable
 */

/**
 * The signed-in user's files: `bp.files`.
 *
 * @extends {CrudService<FileInfo>}
 */
export class FileService extends CrudService {
  /**
   * @param {import('../Client.js').Backpack} client
   * @throws {never}
   */
  constructor(client) {
    super(client, '/api/files');
  }

  /**
   * Uploads a file (streamed; atomic on the server: an aborted upload leaves nothing).
   *
   * @example
   * const input = document.querySelector('input[type=file]');
   * const info = await bp.files.upload(input.files[0], { public: true, onProgress: (p) => bar.value = p.loaded / p.total });
   * img.src = bp.files.url(info.id);
   * @param {Uploadable} file
   * @param {UploadOptions} [options]
   * @returns {Promise<FileInfo>}
   * @throws {BackpackError} 401 signed out; 413 over the size limit; 415 type not allowed; 507 backpack full
   */
  async upload(file, options = {}) {
    const blob = toBlob(file);
    const filename = options.name ?? (typeof (/** @type {any} */ (file)).name === 'string' && /** @type {any} */ (file).name) ?? 'blob';
    /** @type {[string, string][]} */
    const fields = [];
    if (options.name !== undefined) {
      fields.push(['name', String(options.name)]);
    }
    if (options.public !== undefined) {
      fields.push(['public', options.public ? 'true' : 'false']);
    }
    if (options.onProgress && typeof (/** @type {any} */ (globalThis)).XMLHttpRequest === 'function') {
      return this.#uploadWithXhr(blob, filename || 'blob', fields, options);
    }
    if (options.onProgress) {
      return this.#uploadStreamed(blob, filename || 'blob', fields, options);
    }
    const form = new FormData();
    for (const [key, value] of fields) {
      form.append(key, value);
    }
    form.append('file', blob, filename || 'blob');
    return this.client.send(this.basePath, { method: 'POST', body: form, signal: options.signal });
  }

  /**
   * The metadata of a file (its bytes: `download` or `url`).
   *
   * @param {string} id
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<FileInfo>}
   * @throws {BackpackError} 404 when it does not exist or may not be read
   */
  async get(id, options = {}) {
    return this.client.send(`${this.itemPath(id)}/meta`, { signal: options.signal });
  }

  /**
   * The full URL of a file's bytes, for `<img src>`, `<a href>` and the like. A page can show a
   * public file from any origin; a private one only on the backpack's own origin, where the
   * browser sends the session cookie (elsewhere: `download`).
   *
   * @param {string|FileInfo} file an id or the metadata
   * @returns {string}
   * @throws {TypeError} without an id
   */
  url(file) {
    const id = typeof file === 'string' ? file : file?.id;
    return this.client.buildUrl(this.itemPath(/** @type {string} */ (id)));
  }

  /**
   * The bytes of a file, with the signed-in user's token (works for private files anywhere).
   *
   * @param {string|FileInfo} file an id or the metadata
   * @param {{signal?: AbortSignal}} [options]
   * @returns {Promise<Blob>} typed with the file's content type
   * @throws {BackpackError} 404 when it does not exist or may not be read
   */
  async download(file, options = {}) {
    const id = typeof file === 'string' ? file : file?.id;
    const response = await this.client.request(this.itemPath(/** @type {string} */ (id)), {
      signal: options.signal,
      headers: { Accept: '*/*' },
    });
    return response.blob();
  }

  /**
   * @param {Blob} blob
   * @param {string} filename
   * @param {[string, string][]} fields
   * @param {UploadOptions} options
   * @returns {Promise<FileInfo>}
   */
  #uploadWithXhr(blob, filename, fields, options) {
    const url = this.client.buildUrl(this.basePath);
    const onProgress = /** @type {(p: UploadProgress) => void} */ (options.onProgress);
    return new Promise((resolve, reject) => {
      const XHR = /** @type {any} */ (globalThis).XMLHttpRequest;
      const xhr = new XHR();
      xhr.open('POST', url);
      for (const [key, value] of Object.entries(this.client.headersFor())) {
        xhr.setRequestHeader(key, value);
      }
      const form = new FormData();
      for (const [key, value] of fields) {
        form.append(key, value);
      }
      form.append('file', blob, filename);
      xhr.upload.onprogress = (/** @type {ProgressEvent} */ e) => {
        onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : blob.size });
      };
      xhr.onload = async () => {
        const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: parseHeaders(xhr.getAllResponseHeaders()),
        });
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText));
          } catch (e) {
            reject(BackpackError.from(e, url));
          }
        } else {
          reject(await BackpackError.fromResponse(response));
        }
      };
      xhr.onerror = () => reject(new BackpackError({ status: 0, detail: 'The upload failed: the server could not be reached.', url }));
      xhr.onabort = () => reject(new BackpackError({ status: 0, title: 'Aborted', detail: 'The upload was aborted.', url, isAbort: true }));
      if (options.signal) {
        if (options.signal.aborted) {
          xhr.abort();
          return;
        }
        options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
      }
      xhr.send(form);
    });
  }

  /**
   * Node (no XMLHttpRequest): a multipart body built as a stream, counting the bytes fetch pulls.
   *
   * @param {Blob} blob
   * @param {string} filename
   * @param {[string, string][]} fields
   * @param {UploadOptions} options
   * @returns {Promise<FileInfo>}
   */
  async #uploadStreamed(blob, filename, fields, options) {
    const onProgress = /** @type {(p: UploadProgress) => void} */ (options.onProgress);
    const boundary = `----backpack${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
    const encoder = new TextEncoder();
    let head = '';
    for (const [key, value] of fields) {
      head += `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`;
    }
    head +=
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFilename(filename)}"\r\n` +
      `Content-Type: ${blob.type || 'application/octet-stream'}\r\n\r\n`;
    const headBytes = encoder.encode(head);
    const tailBytes = encoder.encode(`\r\n--${boundary}--\r\n`);
    const total = headBytes.length + blob.size + tailBytes.length;
    let loaded = 0;
    /** @type {ReadableStreamDefaultReader<Uint8Array>|null} */
    let reader = null;
    let stage = 0;
    const body = new ReadableStream({
      async pull(controller) {
        if (stage === 0) {
          stage = 1;
          loaded += headBytes.length;
          controller.enqueue(headBytes);
          onProgress({ loaded, total });
          return;
        }
        if (stage === 1) {
          reader ??= /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (blob.stream().getReader());
          const { done, value } = await reader.read();
          if (!done) {
            loaded += value.byteLength;
            controller.enqueue(value);
            onProgress({ loaded, total });
            return;
          }
          stage = 2;
        }
        loaded += tailBytes.length;
        controller.enqueue(tailBytes);
        controller.close();
        onProgress({ loaded, total });
      },
      cancel(reason) {
        return reader?.cancel(reason);
      },
    });
    return this.client.send(this.basePath, {
      method: 'POST',
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(total) },
      signal: options.signal,
      fetchOptions: { duplex: 'half' },
    });
  }
}

/**
 * @param {Uploadable} file
 * @returns {Blob}
 * @throws {TypeError} for anything else
 */
function toBlob(file) {
  if (file instanceof Blob) {
    return file;
  }
  if (typeof file === 'string' || file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    return new Blob([/** @type {any} */ (file)]);
  }
  throw new TypeError('upload needs a File, a Blob, bytes or a string');
}

/**
 * A file name inside a quoted `filename="…"` (as browsers encode it).
 *
 * @param {string} name
 * @returns {string}
 */
function quoteFilename(name) {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * @param {string} raw the result of `getAllResponseHeaders()`
 * @returns {Headers}
 */
function parseHeaders(raw) {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      try {
        headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      } catch {
        // a header the Headers class refuses
      }
    }
  }
  return headers;
}
