package dev.backpack.admin.backpacks.control;

import dev.backpack.deployment.BackpackHome;
import dev.backpack.deployment.BackpackName;
import dev.backpack.deployment.PropertiesFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Imports the launcher's former file registry ({@code DATA/backpacks/<name>/backpack.properties}:
 * name, admin key, created) into PostgreSQL once, as backpacks owned by the platform, then deletes
 * each file: from then on PostgreSQL is the only registry. A backpack keeps its admin key, data and
 * files.
 */
@ApplicationScoped
public class LegacyRegistry {

  @Inject BackpackStore store;

  /**
   * Imports every file found under {@code backpacksRoot}.
   *
   * @return how many backpacks were imported
   */
  public int importFrom(Path backpacksRoot, Consumer<String> log) {
    if (!Files.isDirectory(backpacksRoot)) {
      return 0;
    }
    int imported = 0;
    try (Stream<Path> dirs = Files.list(backpacksRoot)) {
      for (Path dir : dirs.sorted().toList()) {
        BackpackName name;
        try {
          name = new BackpackName(dir.getFileName().toString());
        } catch (IllegalArgumentException notABackpack) {
          continue;
        }
        Path file = BackpackHome.of(backpacksRoot, name).legacyRegistryFile();
        if (!Files.isRegularFile(file)) {
          continue;
        }
        Properties properties = PropertiesFiles.read(file);
        String key = properties.getProperty("admin.key", "").trim();
        if (key.isEmpty()) {
          log.accept("legacy registry file " + file + " has no admin.key: left as it is");
          continue;
        }
        Instant created = parse(properties.getProperty("created"));
        if (store.importActive(name, key, created)) {
          imported++;
          log.accept("imported backpack " + name + " from " + file + " into the platform's registry");
        }
        Files.delete(file);
      }
    } catch (IOException e) {
      log.accept("cannot import the legacy registry under " + backpacksRoot + ": " + e);
    }
    return imported;
  }

  private static Instant parse(String created) {
    try {
      return created == null ? Instant.now() : Instant.parse(created.trim());
    } catch (RuntimeException e) {
      return Instant.now();
    }
  }
}
