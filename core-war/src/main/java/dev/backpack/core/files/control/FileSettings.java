package dev.backpack.core.files.control;

import dev.backpack.core.config.BackpackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The file settings of this backpack (MicroProfile Config, like every other setting): {@code
 * backpack.files.dir} (in {@link BackpackSettings}), {@code backpack.files.max-bytes} (per file,
 * default 25 MiB), {@code backpack.files.quota-bytes} (all files of the backpack together,
 * default 1 GiB, {@code 0} = no quota) and {@code backpack.files.allowed-types} (comma list of
 * {@code type/subtype}, {@code type/*} or {@code *}{@code /*}, the default).
 */
@ApplicationScoped
public class FileSettings {

  public static final long MIB = 1024L * 1024;

  @Inject BackpackSettings backpack;

  @Inject
  @ConfigProperty(name = "backpack.files.max-bytes", defaultValue = "26214400")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "backpack.files.quota-bytes", defaultValue = "1073741824")
  long quotaBytes;

  @Inject
  @ConfigProperty(name = "backpack.files.allowed-types", defaultValue = "*/*")
  String allowedTypes;

  /** The backpack's own files directory, absolute. */
  public Path dir() {
    return Path.of(backpack.filesDir()).toAbsolutePath().normalize();
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** The quota of the whole backpack in bytes; 0 means none. */
  public long quotaBytes() {
    return Math.max(0, quotaBytes);
  }

  public List<String> allowedTypes() {
    return Arrays.stream(allowedTypes.split(","))
        .map(t -> t.trim().toLowerCase(Locale.ROOT))
        .filter(t -> !t.isEmpty())
        .toList();
  }
}
