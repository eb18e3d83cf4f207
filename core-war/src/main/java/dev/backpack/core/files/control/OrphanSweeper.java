package dev.backpack.core.files.control;

import dev.backpack.core.engine.Engine;
import dev.backpack.core.files.control.Blobs.Listing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, before the backpack serves requests, removes what a crash can leave behind: {@code
 * upload-*.tmp} files of uploads that never finished, bytes without metadata (a crash between
 * the rename and the insert, or during a delete) and metadata without bytes. Each removal is one
 * log line (WARNING) naming the id or file, so an operator sees what was cleaned.
 *
 * <p>Guards against wiping a backpack by mistake: metadata is only removed when the directory
 * carries the {@value Blobs#MARKER} marker written when it was first used (an unmarked directory
 * while the database knows files looks like a volume that is not mounted); bytes are only removed
 * when the database knows at least one file (bytes and an empty database look like the wrong
 * database). In both cases nothing of that kind is removed and a SEVERE line says why. The price:
 * bytes left by a crash during the very first upload stay until a later start.
 */
@ApplicationScoped
public class OrphanSweeper {

  private static final Logger LOG = Logger.getLogger(OrphanSweeper.class.getName());

  @Inject Engine engine;
  @Inject Blobs blobs;

  /** What one sweep removed. */
  public record Report(int unfinished, int bytesWithoutMetadata, int metadataWithoutBytes) {}

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      sweep();
    } catch (RuntimeException | IOException e) {
      // a database that is down must not stop the backpack from starting; the next start retries
      LOG.log(Level.WARNING, "files: the start-up clean-up did not run: {0}", e.toString());
    }
  }

  public Report sweep() throws IOException {
    Listing disk = blobs.list();
    int unfinished = 0;
    for (Path temp : disk.unfinished()) {
      long size = Files.size(temp);
      blobs.deleteQuietly(temp);
      unfinished++;
      LOG.log(
          Level.WARNING,
          "files: removed {0} ({1} bytes), an upload that never finished",
          new Object[] {temp.getFileName(), Long.toString(size)});
    }
    Map<String, String> known = engine.fileNames();
    int bytesOnly = 0;
    if (known.isEmpty() && !disk.stored().isEmpty()) {
      LOG.log(
          Level.SEVERE,
          "files: the database knows no files but {0} holds {1}; is it the right database?"
              + " Bytes left alone.",
          new Object[] {blobs.dir(), Integer.toString(disk.stored().size())});
      return new Report(unfinished, 0, 0);
    }
    for (Map.Entry<String, Long> stored : disk.stored().entrySet()) {
      if (!known.containsKey(stored.getKey())) {
        blobs.delete(stored.getKey());
        bytesOnly++;
        LOG.log(
            Level.WARNING,
            "files: removed the bytes of {0} ({1} bytes), which had no metadata",
            new Object[] {stored.getKey(), Long.toString(stored.getValue())});
      }
    }
    if (!disk.marked() && !known.isEmpty()) {
      LOG.log(
          Level.SEVERE,
          "files: {0} has no {1} marker but the database knows {2} files; is the volume mounted?"
              + " Metadata left alone.",
          new Object[] {blobs.dir(), Blobs.MARKER, Integer.toString(known.size())});
      return new Report(unfinished, bytesOnly, 0);
    }
    blobs.mark();
    int metadataOnly = 0;
    for (Map.Entry<String, String> file : known.entrySet()) {
      if (!disk.stored().containsKey(file.getKey())) {
        engine.deleteFile(file.getKey());
        metadataOnly++;
        LOG.log(
            Level.WARNING,
            "files: removed the metadata of {0} (\"{1}\"), whose bytes are gone",
            new Object[] {file.getKey(), file.getValue()});
      }
    }
    if (unfinished + bytesOnly + metadataOnly == 0) {
      LOG.log(Level.FINE, "files: nothing to clean up in {0}", blobs.dir());
    }
    return new Report(unfinished, bytesOnly, metadataOnly);
  }
}
