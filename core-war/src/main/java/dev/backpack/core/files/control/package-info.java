/**
 * File storage of one backpack: metadata in its MongoDB collection {@code files} (a name clients
 * cannot use for records), bytes in its own files directory ({@code backpack.files.dir}).
 *
 * <p>Requirements (issue 4): uploads and downloads stream, never a whole file in memory; an upload
 * is atomic and crash-safe; names never become paths; per-file limit, per-backpack quota and
 * allowed types; orphans of a crash are cleaned up at start; backpacks never see each other's
 * bytes.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li><b>Our own streaming multipart parser</b> ({@link
 *       dev.backpack.core.files.control.MultipartStream}) on the request's input stream, rather
 *       than {@code HttpServletRequest.getPart}: the Servlet API first spools the whole part to
 *       the container's temp directory (one extra copy, on another file system, so no atomic
 *       rename) and can only enforce one static {@code max-file-size} per WAR, while each
 *       backpack has its own limit. The parser holds one 64 KiB buffer; measured with a 200 MiB
 *       upload on a Payara Micro with {@code -Xmx64m} (see {@code FilesOnDiskIT}).
 *   <li><b>Write path</b>: {@code upload-*.tmp} in the files directory, SHA-256 and size computed
 *       while writing, {@code FileChannel.force}, atomic rename to the id, directory fsync, then
 *       the metadata insert. On any failure before the insert the temporary (or renamed) file is
 *       deleted; a client that disconnects makes the read fail and is handled the same way (400, one
 *       INFO line). A failure of the disk itself (full, read-only, failing) is a 507 and a SEVERE
 *       line, never blamed on the client.
 *   <li><b>Limits</b>: {@code backpack.files.max-bytes} (default 25 MiB) answers 413 — at once
 *       when the declared {@code Content-Length} already exceeds it (plus at most 64 KiB of form
 *       overhead), otherwise as soon as the streamed part passes it; the response closes the
 *       connection so the rest of the body is not read. {@code backpack.files.quota-bytes}
 *       (default 1 GiB; 0 = none) covers all files of the backpack and answers <b>507
 *       Insufficient Storage</b> (problem+json {@code urn:backpack:problem:insufficient-storage})
 *       rather than 413, so a client can tell "this file is too big" from "the backpack is full".
 *       Concurrent uploads count against the quota while they stream, and the last check and the
 *       insert are serialised, so racing uploads cannot exceed it together (within one process:
 *       a files directory belongs to one process).
 *   <li><b>Content type</b>: decided by {@link dev.backpack.core.files.control.ContentTypes} from
 *       the leading 512 bytes and the client's claim; {@code backpack.files.allowed-types}
 *       (default {@code *}{@code /*}) is checked against the decided type → 415.
 *   <li><b>Form fields</b>: {@code file} (exactly one), {@code name} (optional display name,
 *       else the part's file name), {@code public} ({@code true}/{@code false}); any other field
 *       is a 400, so a typo does not silently make a file private.
 *   <li><b>Deleting</b> removes the metadata first, then the bytes: a crash in between leaves
 *       bytes without metadata, which the sweep removes, never metadata that points nowhere.
 *   <li><b>A deleted user's files are deleted</b> with them ({@link
 *       dev.backpack.core.files.control.FileStore#deleteAllOf}); a backpack should not keep
 *       bytes nobody can reach or delete any more.
 *   <li><b>Start-up clean-up</b> ({@link dev.backpack.core.files.control.OrphanSweeper}): one log
 *       line per removed orphan, with guards against an unmounted volume or a wrong database.
 *   <li><b>Isolation</b>: the metadata is read from this backpack's own database and the bytes
 *       are resolved only from an id of the metadata's shape inside this backpack's own
 *       directory, so an id or path of another backpack can only ever be a 404.
 * </ul>
 */
package dev.backpack.core.files.control;
