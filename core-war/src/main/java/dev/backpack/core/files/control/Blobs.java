package dev.backpack.core.files.control;

import dev.backpack.core.files.entity.FileIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bytes of this backpack's files, one file per id directly in the backpack's files directory.
 * Only names of the shape of an id ({@link FileIds#isId}) are ever resolved, so no request can
 * name a path outside the directory; uploads are written to {@code upload-*.tmp} in the same
 * directory (same file system, so the final rename is atomic).
 */
@ApplicationScoped
public class Blobs {

  static final String TEMP_PREFIX = "upload-";
  static final String TEMP_SUFFIX = ".tmp";
  /** Written once the directory is known to be this backpack's; see {@link OrphanSweeper}. */
  static final String MARKER = ".backpack-files";

  private static final Logger LOG = Logger.getLogger(Blobs.class.getName());

  @Inject FileSettings settings;

  /** What the directory holds: stored files by id with their sizes, unfinished uploads, others. */
  public record Listing(Map<String, Long> stored, List<Path> unfinished, boolean marked) {}

  /** The directory; created, with its marker, if it does not exist yet. */
  public Path dir() {
    Path dir = settings.dir();
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectories(dir);
        mark(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the files directory " + dir, e);
      }
    }
    return dir;
  }

  Path path(String id) {
    if (!FileIds.isId(id)) {
      throw new IllegalArgumentException("not a file id");
    }
    Path dir = dir();
    Path path = dir.resolve(id);
    if (!dir.equals(path.getParent())) {
      throw new IllegalArgumentException("not a file id");
    }
    return path;
  }

  /** A new, empty temporary file for an upload (owner-only permissions where POSIX). */
  public Path newTemp() throws IOException {
    return Files.createTempFile(dir(), TEMP_PREFIX, TEMP_SUFFIX);
  }

  /** Moves a finished, fsynced temporary file to its id atomically and makes the rename durable. */
  public void commit(Path temp, String id) throws IOException {
    Files.move(temp, path(id), StandardCopyOption.ATOMIC_MOVE);
    syncDirectory();
  }

  /** The bytes of a stored file, opened for reading; empty if they are missing. */
  public Optional<FileChannel> open(String id) {
    try {
      return Optional.of(FileChannel.open(path(id), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the bytes of a stored file; false if there were none. */
  public boolean delete(String id) {
    try {
      return Files.deleteIfExists(path(id));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "files: could not delete {0}: {1}", new Object[] {id, e.toString()});
      return false;
    }
  }

  public void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "files: could not delete {0}: {1}", new Object[] {temp, e.toString()});
    }
  }

  public Listing list() throws IOException {
    Map<String, Long> stored = new HashMap<>();
    List<Path> unfinished = new ArrayList<>();
    boolean marked = false;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir())) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.equals(MARKER)) {
          marked = true;
        } else if (!Files.isRegularFile(entry)) {
          continue;
        } else if (FileIds.isId(name)) {
          stored.put(name, Files.size(entry));
        } else if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
          unfinished.add(entry);
        }
      }
    }
    return new Listing(stored, unfinished, marked);
  }

  void mark() throws IOException {
    mark(dir());
  }

  private static void mark(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (!Files.exists(marker)) {
      Files.writeString(
          marker, "The files of one backpack. Do not put other files here.\n");
    }
  }

  private void syncDirectory() {
    // makes the rename itself durable; not supported everywhere (Windows), where it is skipped
    try (FileChannel dir = FileChannel.open(dir(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.FINE, "files: directory fsync not supported: {0}", e.toString());
    }
  }
}
