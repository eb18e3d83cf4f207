package dev.backpack.core.files.boundary;

import dev.backpack.core.files.control.ContentTypes;
import dev.backpack.core.files.control.FileStore;
import dev.backpack.core.files.entity.ByteRange;
import dev.backpack.core.files.entity.StoredFile;
import dev.backpack.core.problems.entity.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;

/**
 * The HTTP answer for the bytes of a file: 200, 206 for one range, 304 when the ETag matches,
 * 416 for a range outside the file; streamed from disk in {@value #CHUNK}-byte pieces.
 */
final class FileResponses {

  static final int CHUNK = 64 * 1024;

  private FileResponses() {}

  static Response get(
      FileStore store, StoredFile file, String range, String ifRange, String ifNoneMatch) {
    if (matches(ifNoneMatch, file.etag())) {
      return Response.notModified()
          .header(HttpHeaders.ETAG, file.etag())
          .header(HttpHeaders.CACHE_CONTROL, cacheControl(file))
          .build();
    }
    ByteRange.Answer answer =
        ifRange == null || ifRange.trim().equals(file.etag())
            ? ByteRange.parse(range, file.size())
            : new ByteRange.Whole();
    if (answer instanceof ByteRange.Unsatisfiable) {
      throw new ProblemException(
          416,
          "range-not-satisfiable",
          "Range Not Satisfiable",
          "The file has " + file.size() + " bytes; ask for a range inside it.",
          null,
          Map.of("Content-Range", "bytes */" + file.size()));
    }
    ByteRange part =
        answer instanceof ByteRange.Partial partial
            ? partial.range()
            : new ByteRange(0, file.size() - 1, file.size());
    FileChannel channel = store.open(file);
    Response.ResponseBuilder builder =
        headers(file, answer instanceof ByteRange.Partial ? 206 : 200, part.length())
            .entity(stream(channel, part.first(), part.length()));
    if (answer instanceof ByteRange.Partial) {
      builder.header("Content-Range", part.contentRange());
    }
    return builder.build();
  }

  static Response head(StoredFile file) {
    return headers(file, 200, file.size()).build();
  }

  private static Response.ResponseBuilder headers(StoredFile file, int status, long length) {
    String disposition = ContentTypes.inline(file.contentType()) ? "inline" : "attachment";
    return Response.status(status)
        .type(file.contentType())
        .header(HttpHeaders.CONTENT_LENGTH, length)
        .header(HttpHeaders.ETAG, file.etag())
        .header(HttpHeaders.CACHE_CONTROL, cacheControl(file))
        .header("Accept-Ranges", "bytes")
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.of(disposition, file.name()));
  }

  /** Public files may be cached for an hour; private ones are revalidated (a cheap 304) each time. */
  private static String cacheControl(StoredFile file) {
    return file.isPublic() ? "public, max-age=3600" : "private, no-cache";
  }

  /** If-None-Match: {@code *} or a list of tags; weak comparison, as RFC 9110 asks for GET. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static StreamingOutput stream(FileChannel channel, long first, long length) {
    return out -> {
      try (FileChannel in = channel) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, length)));
        long position = first;
        long remaining = length;
        while (remaining > 0) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
          int read = in.read(buffer, position);
          if (read < 0) {
            throw new EOFException("the file is shorter than its metadata says");
          }
          out.write(buffer.array(), 0, read);
          position += read;
          remaining -= read;
        }
      }
    };
  }
}
