package dev.backpack.deployment;

import java.nio.file.Path;

/**
 * Where one in-process backpack lives on disk: {@code DATA/backpacks/<name>/}, holding its
 * {@code files/} and its generated exploded deployment {@code app/}.
 *
 * @param name the backpack
 * @param dir {@code DATA/backpacks/<name>}, absolute
 */
public record BackpackHome(BackpackName name, Path dir) {

  /** The registry file of the launcher before the platform kept its registry in PostgreSQL. */
  public static final String LEGACY_REGISTRY_FILE = "backpack.properties";

  /**
   * The home of {@code name} under {@code backpacksRoot}.
   *
   * @param backpacksRoot {@code DATA/backpacks}
   * @param name the backpack
   * @return its home
   */
  public static BackpackHome of(Path backpacksRoot, BackpackName name) {
    return new BackpackHome(name, backpacksRoot.toAbsolutePath().normalize().resolve(name.value()));
  }

  /**
   * Where its files live.
   *
   * @return {@code DATA/backpacks/<name>/files}
   */
  public Path filesDir() {
    return dir.resolve("files");
  }

  /**
   * Its exploded deployment, regenerated at each deployment.
   *
   * @return {@code DATA/backpacks/<name>/app}
   */
  public Path appDir() {
    return dir.resolve("app");
  }

  /**
   * The launcher's former registry file (name, admin key), imported once into PostgreSQL.
   *
   * @return {@code DATA/backpacks/<name>/backpack.properties}
   */
  public Path legacyRegistryFile() {
    return dir.resolve(LEGACY_REGISTRY_FILE);
  }
}
