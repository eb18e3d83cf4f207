package dev.backpack.launcher.backpacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The backpacks created on this platform: {@code DATA/backpacks/<name>/backpack.properties}
 * existing means registered. The file (mode 600) keeps what must survive restarts and cannot be
 * derived: the admin key, generated once.
 */
public final class BackpackRegistry {

  /** Name of the registry file inside a backpack's directory. */
  public static final String FILE = "backpack.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;

  /**
   * A registry kept under {@code root} ({@code DATA/backpacks}).
   *
   * @param root the directory holding one directory per backpack
   */
  public BackpackRegistry(Path root) {
    this.root = root.toAbsolutePath();
  }

  /**
   * One backpack as registered.
   *
   * @param name its name
   * @param dir {@code DATA/backpacks/<name>}
   * @param adminKey 256-bit random, base64url without padding
   */
  public record Registration(BackpackName name, Path dir, String adminKey) {

    /**
     * Where its files live.
     *
     * @return {@code DATA/backpacks/<name>/files}
     */
    public Path filesDir() {
      return dir.resolve("files");
    }

    /**
     * Its exploded deployment, regenerated at each start.
     *
     * @return {@code DATA/backpacks/<name>/app}
     */
    public Path appDir() {
      return dir.resolve("app");
    }
  }

  /**
   * Registers {@code name}, or returns the existing registration unchanged (same admin key).
   *
   * @param name the backpack
   * @return its registration
   * @throws UncheckedIOException if the registry file cannot be read or written
   */
  public synchronized Registration register(BackpackName name) {
    Optional<Registration> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    Path dir = dirOf(name);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", name.value());
    values.put("admin.key", newAdminKey());
    values.put("created", Instant.now().toString());
    try {
      Files.createDirectories(dir.resolve("files"));
      PropertiesFiles.writeOwnerOnly(dir.resolve(FILE), values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot register backpack " + name, e);
    }
    return new Registration(name, dir, values.get("admin.key"));
  }

  /**
   * The registration of {@code name}, if any.
   *
   * @param name the backpack
   * @return its registration, or empty
   * @throws UncheckedIOException if the file exists but cannot be read
   * @throws IllegalStateException if the file has no admin key
   */
  public Optional<Registration> find(BackpackName name) {
    Path file = dirOf(name).resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Properties properties = PropertiesFiles.read(file);
      String key = properties.getProperty("admin.key");
      if (key == null || key.isBlank()) {
        throw new IllegalStateException(file + " has no admin.key");
      }
      return Optional.of(new Registration(name, dirOf(name), key.trim()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * All registered backpacks, sorted by name. Directories whose name is not a valid backpack name
   * are ignored.
   *
   * @return the registrations
   * @throws UncheckedIOException if the directory cannot be listed
   */
  public List<Registration> all() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Registration> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted().toList()) {
        String candidate = dir.getFileName().toString();
        if (!BackpackName.RULE.matcher(candidate).matches() || BackpackName.RESERVED.contains(candidate)) {
          continue;
        }
        find(new BackpackName(candidate)).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return found;
  }

  /**
   * Forgets {@code name}: deletes its registry file and its generated app directory. Its files
   * directory and its database are kept (deleting data is the admin's decision, not a side effect).
   *
   * @param name the backpack
   * @return true if it was registered
   * @throws UncheckedIOException if the files cannot be deleted
   */
  public synchronized boolean unregister(BackpackName name) {
    Path dir = dirOf(name);
    try {
      boolean existed = Files.deleteIfExists(dir.resolve(FILE));
      Tree.delete(dir.resolve("app"));
      return existed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unregister " + name, e);
    }
  }

  private Path dirOf(BackpackName name) {
    return root.resolve(name.value());
  }

  private static String newAdminKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
