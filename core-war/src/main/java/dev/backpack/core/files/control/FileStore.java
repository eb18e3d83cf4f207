package dev.backpack.core.files.control;

import dev.backpack.core.auth.control.UserStore;
import dev.backpack.core.auth.entity.Caller;
import dev.backpack.core.engine.Engine;
import dev.backpack.core.files.control.MultipartStream.Part;
import dev.backpack.core.files.entity.FileIds;
import dev.backpack.core.files.entity.FileNames;
import dev.backpack.core.files.entity.FilePage;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The files of this backpack: metadata kept by the {@link Engine}, bytes in {@link Blobs}.
 *
 * <p>An upload streams the {@code file} part to a temporary file while counting and hashing it,
 * and stops as soon as the per-file limit or the quota is passed; the temporary file is fsynced,
 * renamed to the id, and only then is the metadata inserted. Whatever goes wrong before the
 * insert (limit, quota, type, malformed body, client gone, database down), the temporary or
 * renamed file is deleted, so a failed upload leaves neither bytes nor metadata. A crash between
 * rename and insert leaves bytes without metadata, which {@link OrphanSweeper} removes at the
 * next start.
 */
@ApplicationScoped
public class FileStore {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  /** Largest value of a form field ({@code name}, {@code public}). */
  static final int MAX_FIELD_BYTES = 8 * 1024;
  /**
   * An upper bound of everything in a valid body except the file's bytes (preamble, delimiters,
   * part headers, the fields), so a declared length above {@code limit + this} is refused unread.
   */
  static final long MAX_FORM_OVERHEAD = 64 * 1024;
  static final int COPY_BUFFER = 64 * 1024;

  private static final Logger LOG = Logger.getLogger(FileStore.class.getName());

  @Inject Engine engine;
  @Inject Blobs blobs;
  @Inject FileSettings settings;

  /** Bytes of uploads under way in this process, counted against the quota while they stream. */
  private final AtomicLong inFlight = new AtomicLong();
  /** Serialises the last quota check with the insert, so racing uploads cannot both fit. */
  private final Object commitLock = new Object();
  /**
   * Stores the file of a {@code multipart/form-data} body for the signed-in caller.
   *
   * @param contentType the request's Content-Type (with the boundary)
   * @param declaredLength the request's Content-Length, or -1 when unknown (chunked)
   * @throws ProblemException 401 not signed in, 400 malformed body or fields, 413 over the
   *     per-file limit, 415 not multipart or a type that is not allowed, 507 over the quota
   */
  public StoredFile upload(Caller caller, String contentType, long declaredLength, InputStream body) {
    String owner = caller.requireUser();
    String boundary = MultipartStream.boundary(contentType);
    long max = settings.maxBytes();
    if (declaredLength > max + MAX_FORM_OVERHEAD) {
      throw tooLarge(max);
    }
    long quota = settings.quotaBytes();
    long used = quota > 0 ? usedBytes() : 0;
    if (quota > 0 && declaredLength - MAX_FORM_OVERHEAD > quota - used - inFlight.get()) {
      throw overQuota(quota);
    }
    Upload upload = new Upload(owner, max, quota, used);
    try {
      return upload.run(new MultipartStream(body, boundary));
    } catch (DiskFailure e) {
      LOG.log(
          Level.SEVERE,
          "files: could not store an upload in {0}: {1}",
          new Object[] {blobs.dir(), e.getCause().toString()});
      throw new ProblemException(
          507,
          "insufficient-storage",
          "Insufficient Storage",
          "The backpack could not store the file (its disk is full or failing); nothing was kept.",
          null,
          Map.of("Connection", "close"));
    } catch (IOException e) {
      LOG.log(
          Level.INFO,
          "files: upload by {0} broke off after {1} bytes ({2}); nothing was kept",
          new Object[] {owner, Long.toString(upload.size), e.toString()});
      throw ProblemException.badRequest("The upload was interrupted; nothing was stored.");
    } finally {
      upload.cleanUp();
    }
  }

  /** The file if the caller may read it: public, or the caller's own, or the admin key; else 404. */
  public StoredFile readable(String id, Caller caller) {
    StoredFile file = require(id);
    if (!file.isPublic() && !caller.owns(file.owner())) {
      throw notFound(id);
    }
    return file;
  }

  /** Any file, whoever owns it (admin); 404 if unknown. */
  public StoredFile require(String id) {
    if (!FileIds.isId(id)) {
      throw notFound(id);
    }
    return engine.file(id).orElseThrow(() -> notFound(id));
  }

  /** The bytes of a file, open for reading; 404 (and a log line) if they are missing on disk. */
  public FileChannel open(StoredFile file) {
    return blobs
        .open(file.id())
        .orElseThrow(
            () -> {
              LOG.log(Level.SEVERE, "files: the bytes of {0} are missing", file.id());
              return notFound(file.id());
            });
  }

  /** A page of files, newest first; {@code owner} null lists everyone's (admin). */
  public FilePage list(String owner, String limit, String after) {
    int size = parseLimit(limit);
    String before = null;
    if (after != null && !after.isEmpty()) {
      if (!FileIds.isId(after)) {
        throw ProblemException.invalid("after", "is not a cursor of this API");
      }
      before = after;
    }
    List<StoredFile> page = engine.files(owner, before, size + 1);
    if (page.size() > size) {
      List<StoredFile> items = page.subList(0, size);
      return new FilePage(List.copyOf(items), items.get(size - 1).id());
    }
    return new FilePage(page, null);
  }

  /**
   * Deletes a file for its owner or the admin key: 401 when nobody is signed in, 404 when the
   * caller cannot see the file, 403 when they can see it (it is public) but it is not theirs.
   */
  public void delete(String id, Caller caller) {
    caller.requireSignedInOrAdmin();
    StoredFile file = readable(id, caller);
    if (!caller.owns(file.owner())) {
      throw ProblemException.forbidden("Only the owner of a file may delete it.");
    }
    remove(file);
  }

  /** Deletes any file (admin key); 404 if unknown. */
  public void deleteAsAdmin(String id) {
    remove(require(id));
  }

  /**
   * Deletes every file of a user, metadata and bytes; called when the user is deleted. Returns
   * how many files there were.
   */
  public int deleteAllOf(String userId) {
    List<StoredFile> owned = engine.filesOf(userId);
    owned.forEach(this::remove);
    if (!owned.isEmpty()) {
      LOG.log(Level.INFO, "files: deleted the {0} files of user {1}", new Object[] {Integer.toString(owned.size()), userId});
    }
    return owned.size();
  }

  /** A deleted user's files go with them, in the same request that deletes the user. */
  void onUserDeleted(@Observes UserStore.UserDeleted deleted) {
    deleteAllOf(deleted.userId());
  }

  /** How many files and bytes this backpack stores. */
  public record Usage(long files, long bytes) {}

  public Usage usage() {
    Engine.FileUsage usage = engine.fileUsage();
    return new Usage(usage.files(), usage.bytes());
  }

  long usedBytes() {
    return usage().bytes();
  }

  /** Metadata first: a crash in between leaves bytes without metadata, which the sweep removes. */
  private void remove(StoredFile file) {
    engine.deleteFile(file.id());
    blobs.delete(file.id());
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the same answer as out of range
    }
    throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  static ProblemException notFound(String id) {
    return ProblemException.notFound("There is no file " + shorten(id) + ".");
  }

  private static String shorten(String id) {
    String text = id == null ? "" : id;
    return FileIds.isId(text) ? text : "with that id";
  }

  /** 413 and close the connection: the rest of the body is not wanted. */
  static ProblemException tooLarge(long max) {
    return new ProblemException(
        413,
        "too-large",
        "Content Too Large",
        "The file is larger than the limit of " + describe(max) + " (" + max + " bytes).",
        null,
        Map.of("Connection", "close"));
  }

  static ProblemException overQuota(long quota) {
    return new ProblemException(
        507,
        "insufficient-storage",
        "Insufficient Storage",
        "This backpack's storage quota of "
            + describe(quota)
            + " would be exceeded; delete files or ask the backpack's admin for more.",
        null,
        Map.of("Connection", "close"));
  }

  static String describe(long bytes) {
    if (bytes >= FileSettings.MIB && bytes % FileSettings.MIB == 0) {
      return bytes / FileSettings.MIB + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }

  /** One upload under way. */
  private final class Upload {

    final String owner;
    final long max;
    final long quota;
    final long usedAtStart;
    Path temp;
    long size;
    long reserved;
    String sha256;
    String type;
    String filename;
    String name;
    Boolean isPublic;
    boolean committed;

    Upload(String owner, long max, long quota, long usedAtStart) {
      this.owner = owner;
      this.max = max;
      this.quota = quota;
      this.usedAtStart = usedAtStart;
    }

    StoredFile run(MultipartStream parts) throws IOException {
      for (Part part = parts.next(); part != null; part = parts.next()) {
        switch (part.name()) {
          case "file" -> {
            if (temp != null) {
              throw ProblemException.invalid("file", "send one file per upload");
            }
            receive(part);
          }
          case "name" -> {
            if (name != null) {
              throw ProblemException.invalid("name", "is given twice");
            }
            name = field(part, "name");
          }
          case "public" -> {
            if (isPublic != null) {
              throw ProblemException.invalid("public", "is given twice");
            }
            isPublic = flag(field(part, "public"));
          }
          default ->
              throw ProblemException.invalid(
                  FileNames.sanitise(part.name()), "unknown field; send file, name and public");
        }
      }
      if (temp == null) {
        throw ProblemException.invalid("file", "is required: a multipart part named 'file'");
      }
      return commit();
    }

    /** Network failures surface as IOException; disk failures as {@link DiskFailure}. */
    private void receive(Part part) throws IOException {
      temp = disk(blobs::newTemp);
      MessageDigest digest = sha256();
      byte[] buffer = new byte[COPY_BUFFER];
      byte[] head = new byte[ContentTypes.HEAD_BYTES];
      int headLength = 0;
      FileChannel out = disk(() -> FileChannel.open(temp, StandardOpenOption.WRITE));
      try {
        int n;
        while ((n = part.body().read(buffer, 0, buffer.length)) >= 0) {
          if (type == null) {
            int copy = Math.min(n, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, copy);
            headLength += copy;
            if (headLength == head.length) {
              decideType(part, head, headLength);
            }
          }
          size += n;
          if (size > max) {
            throw tooLarge(max);
          }
          reserved += n;
          long streaming = inFlight.addAndGet(n);
          if (quota > 0 && usedAtStart + streaming > quota) {
            throw overQuota(quota);
          }
          digest.update(buffer, 0, n);
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
          disk(
              () -> {
                while (bytes.hasRemaining()) {
                  out.write(bytes);
                }
                return null;
              });
        }
        if (type == null) {
          decideType(part, head, headLength);
        }
        disk(
            () -> {
              out.force(true);
              return null;
            });
      } finally {
        try {
          out.close();
        } catch (IOException e) {
          LOG.log(Level.FINE, "files: closing {0}: {1}", new Object[] {temp, e.toString()});
        }
      }
      sha256 = HexFormat.of().formatHex(digest.digest());
      filename = part.filename();
    }

    private void decideType(Part part, byte[] head, int length) {
      type = ContentTypes.decide(part.contentType(), head, length);
      List<String> allowed = settings.allowedTypes();
      if (!ContentTypes.allowed(type, allowed)) {
        throw new ProblemException(
            415,
            "unsupported-media-type",
            "Unsupported Media Type",
            "Files of type "
                + type
                + " are not accepted by this backpack; allowed: "
                + String.join(", ", allowed)
                + ".",
            null,
            Map.of("Connection", "close"));
      }
    }

    private StoredFile commit() {
      String id = FileIds.next();
      String shown = name != null && !name.isBlank() ? name : filename;
      StoredFile file =
          new StoredFile(
              id,
              FileNames.sanitise(shown),
              size,
              type,
              sha256,
              owner,
              Boolean.TRUE.equals(isPublic),
              new Date());
      synchronized (commitLock) {
        if (quota > 0 && usedBytes() + size > quota) {
          throw overQuota(quota);
        }
        disk(
            () -> {
              blobs.commit(temp, id);
              return null;
            });
        try {
          engine.insertFile(file);
        } catch (RuntimeException e) {
          blobs.delete(id);
          throw e;
        }
      }
      committed = true;
      return file;
    }

    void cleanUp() {
      if (!committed && temp != null) {
        blobs.deleteQuietly(temp);
      }
      inFlight.addAndGet(-reserved);
    }
  }

  /** A failure of the files directory (full, read-only, failing), not of the client. */
  static final class DiskFailure extends RuntimeException {
    DiskFailure(IOException cause) {
      super(cause);
    }
  }

  interface DiskWork<T> {
    T run() throws IOException;
  }

  static <T> T disk(DiskWork<T> work) {
    try {
      return work.run();
    } catch (IOException e) {
      throw new DiskFailure(e);
    }
  }

  private static String field(Part part, String field) throws IOException {
    byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
    if (value.length > MAX_FIELD_BYTES) {
      throw ProblemException.invalid(field, "is longer than " + MAX_FIELD_BYTES + " bytes");
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  private static boolean flag(String value) {
    return switch (value.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.invalid("public", "must be true or false");
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
