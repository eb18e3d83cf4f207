package dev.backpack.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A WAR extracted once into {@code <root>/<sha256 of the WAR, first 12 hex>/}: the core WAR under
 * {@code DATA/core/}, shared by every backpack (its {@code WEB-INF/lib} is what they link to), and
 * the admin WAR under {@code DATA/admin/war/}.
 */
public final class ExtractedWar {

  private final Path war;
  private final Path dir;

  private ExtractedWar(Path war, Path dir) {
    this.war = war;
    this.dir = dir;
  }

  /**
   * Extracts {@code war} under {@code coreRoot} unless that version is already there, and deletes
   * the other versions found there (call this before anything is deployed: only this launcher
   * uses the data directory, and every app directory is regenerated from the current version).
   *
   * @param war the built WAR
   * @param coreRoot e.g. {@code DATA/core}
   * @return the extracted core
   * @throws UncheckedIOException if the WAR cannot be read or extracted
   */
  public static ExtractedWar extract(Path war, Path coreRoot) {
    try {
      String version = sha256(war).substring(0, 12);
      Path dir = coreRoot.toAbsolutePath().resolve(version);
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(coreRoot);
        // extract beside it, then rename: a crash mid-way never leaves a half core that a later
        // start would take for complete
        Path tmp = coreRoot.toAbsolutePath().resolve(".tmp-" + UUID.randomUUID());
        try {
          unzip(war, tmp);
          Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Tree.delete(tmp);
        }
      }
      try (Stream<Path> others = Files.list(coreRoot)) {
        for (Path other : others.filter(p -> !p.getFileName().equals(dir.getFileName())).toList()) {
          Tree.delete(other);
        }
      }
      return new ExtractedWar(war, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract WAR " + war, e);
    }
  }

  /**
   * The WAR this was extracted from.
   *
   * @return the WAR file
   */
  public Path war() {
    return war;
  }

  /**
   * The extracted tree.
   *
   * @return e.g. {@code DATA/core/<version>}
   */
  public Path dir() {
    return dir;
  }

  /**
   * The version: the first 12 hex digits of the WAR's SHA-256.
   *
   * @return the version directory's name
   */
  public String version() {
    return dir.getFileName().toString();
  }

  /**
   * The shared libraries.
   *
   * @return {@code dir()/WEB-INF/lib} (may not exist for a WAR without libraries)
   */
  public Path lib() {
    return dir.resolve("WEB-INF").resolve("lib");
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void unzip(Path war, Path target) throws IOException {
    Files.createDirectories(target);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("entry outside the archive root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(zip, out);
        }
      }
    }
  }
}
