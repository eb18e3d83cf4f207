package dev.backpack.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds an exploded deployment from an {@link ExtractedWar}: every file of the WAR copied (for
 * core-war they are tiny: descriptors), except the jars of {@code WEB-INF/lib}, which are links to
 * the extracted WAR's, plus the deployment's own settings file under {@code WEB-INF/classes}, which
 * only that deployment's class loader sees. Used for each backpack ({@code
 * DATA/backpacks/<name>/app/}, {@value #CONFIG}) and for the admin platform ({@code
 * DATA/admin/app/}, {@value #PLATFORM_CONFIG}).
 */
public final class AppDirectory {

  /** A backpack's settings, relative to its app directory (read by core-war's config source). */
  public static final String CONFIG = "WEB-INF/classes/META-INF/backpack.properties";

  /** The admin platform's settings, relative to its app directory (read by admin-war's). */
  public static final String PLATFORM_CONFIG = "WEB-INF/classes/META-INF/backpack-platform.properties";

  /** How {@code WEB-INF/lib} was shared, best first. */
  public enum LibSharing {
    /** one symbolic link per jar to the core's: a few bytes per jar and backpack. */
    SYMLINK,
    /** one hard link per jar: a directory entry each, no data copied. */
    HARDLINK,
    /** every jar copied: works everywhere, costs the full size per backpack. */
    COPY,
    /** the core WAR has no {@code WEB-INF/lib}. */
    NONE
  }

  private AppDirectory() {}

  /**
   * The settings a backpack reads through MicroProfile Config, in the contract's order: name, the
   * data engine's keys ({@code backpack.postgres.*} or {@code backpack.mongodb.*}), Redis, files,
   * admin key.
   *
   * @param home the backpack's home
   * @param adminKey its admin key
   * @param engine where its records live, with its own credentials
   * @param redisUri Redis URI
   * @return key to value, iteration order fixed
   */
  public static Map<String, String> settings(BackpackHome home, String adminKey, EngineSettings engine, String redisUri) {
    BackpackName name = home.name();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("backpack.name", name.value());
    engine.putInto(values);
    values.put("backpack.redis.uri", redisUri);
    values.put("backpack.redis.prefix", name.redisPrefix());
    values.put("backpack.files.dir", home.filesDir().toAbsolutePath().toString());
    values.put("backpack.admin.key", adminKey);
    return values;
  }

  /**
   * Deletes and rebuilds {@code appDir} from {@code war}, then writes a backpack's {@code settings}
   * (mode 600) to {@value #CONFIG}.
   *
   * @param war the extracted core WAR
   * @param appDir the backpack's app directory
   * @param settings see {@link #settings}
   * @return how {@code WEB-INF/lib} was shared
   * @throws UncheckedIOException if the directory cannot be built
   */
  public static LibSharing build(ExtractedWar war, Path appDir, Map<String, String> settings) {
    return build(war, appDir, CONFIG, settings);
  }

  /**
   * Deletes and rebuilds {@code appDir} from {@code war}, then writes {@code settings} (mode 600)
   * to {@code configFile}.
   *
   * @param war the extracted WAR
   * @param appDir the app directory
   * @param configFile the settings file, relative to {@code appDir} ({@value #CONFIG} or {@value
   *     #PLATFORM_CONFIG})
   * @param settings key to value, written in iteration order
   * @return how {@code WEB-INF/lib} was shared
   * @throws UncheckedIOException if the directory cannot be built
   */
  public static LibSharing build(ExtractedWar war, Path appDir, String configFile, Map<String, String> settings) {
    ExtractedWar core = war;
    try {
      Tree.delete(appDir);
      Path lib = core.lib();
      Files.walkFileTree(
          core.dir(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
              if (dir.equals(lib)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(appDir.resolve(core.dir().relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              Files.copy(file, appDir.resolve(core.dir().relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
              return FileVisitResult.CONTINUE;
            }
          });
      LibSharing sharing = Files.isDirectory(lib) ? share(lib, appDir.resolve("WEB-INF").resolve("lib")) : LibSharing.NONE;
      Path config = appDir.resolve(configFile);
      // a copied file of the same name from the WAR must not survive with the wrong mode
      Files.deleteIfExists(config);
      PropertiesFiles.writeOwnerOnly(config, settings);
      return sharing;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + appDir, e);
    }
  }
  private static LibSharing share(Path shared, Path target) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(shared)) {
      jars = files.sorted().toList();
    }
    Files.createDirectories(target);
    try {
      for (Path jar : jars) {
        // one link per jar, relative so that the data directory can be moved as a whole; not one
        // link for the whole directory: Payara deploys that, but its archive scanning does not
        // look inside a linked directory (the JAX-RS application is never found, every path 404s)
        Path link = target.resolve(jar.getFileName().toString());
        Files.createSymbolicLink(link, target.relativize(jar));
      }
      return LibSharing.SYMLINK;
    } catch (IOException | UnsupportedOperationException | SecurityException noSymlinks) {
      // e.g. Windows without the privilege, or a file system without links
      clear(target);
    }
    try {
      for (Path jar : jars) {
        Files.createLink(target.resolve(jar.getFileName().toString()), jar);
      }
      return LibSharing.HARDLINK;
    } catch (IOException | UnsupportedOperationException | SecurityException noHardLinks) {
      // e.g. the core and the backpack on two file systems
      clear(target);
    }
    for (Path jar : jars) {
      Files.copy(jar, target.resolve(jar.getFileName().toString()));
    }
    return LibSharing.COPY;
  }

  private static void clear(Path dir) throws IOException {
    Tree.delete(dir);
    Files.createDirectories(dir);
  }
}
