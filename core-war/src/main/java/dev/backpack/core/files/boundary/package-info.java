/**
 * {@code {base}/api/files} and {@code {base}/api/admin/files}: upload (multipart), list, download,
 * metadata, delete.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Downloads stream from disk with {@code Content-Length}, a strong {@code ETag} (the
 *       SHA-256 of the bytes; {@code If-None-Match} → 304), {@code Accept-Ranges: bytes} and one
 *       range per request ({@code Range} → 206 with {@code Content-Range}; a range outside the
 *       file → 416 problem+json with {@code Content-Range: bytes *}{@code /size}; {@code If-Range}
 *       honoured; several ranges → the whole file, as RFC 9110 allows).
 *   <li>Every download carries {@code X-Content-Type-Options: nosniff} and a {@code
 *       Content-Disposition} with the original name ({@code filename="ascii"; filename*=UTF-8''…}).
 *       It is {@code inline} only for types a browser shows but never runs (images but SVG, audio,
 *       video, PDF, text/plain, CSV, JSON); HTML, SVG, XML, JavaScript and everything else are
 *       {@code attachment}, so an uploaded file can never run script on the backpack's origin.
 *   <li>{@code Cache-Control}: public files {@code public, max-age=3600}; private files {@code
 *       private, no-cache} (revalidated each time, which costs a 304).
 *   <li>Access: a file someone may not read answers 404 exactly like a missing one, so ids cannot
 *       be probed; deleting a public file of someone else is 403 (it is visible, not yours);
 *       without a session or the admin key, delete and list are 401. The admin routes answer
 *       401 without the admin key.
 *   <li>The upload route has no {@code @Consumes}: a wrong media type gets a 415 that says to send
 *       multipart/form-data, and the body is handed over as the raw stream (parsed by {@link
 *       dev.backpack.core.files.control.MultipartStream}), never buffered by JAX-RS or the
 *       Servlet multipart machinery.
 *   <li>The {@code url} of a file is an absolute path ({@code /<backpack>/api/files/<id>}), not a
 *       full URL: behind a proxy the scheme and host the server sees are not the browser's.
 * </ul>
 */
package dev.backpack.core.files.boundary;
