package dev.backpack.admin.platform.control;

import dev.backpack.deployment.AppDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The platform's own settings file, {@code META-INF/backpack-platform.properties} as seen by
 * admin-war's class loader: the launcher writes it (mode 600) into admin-war's exploded directory,
 * so PostgreSQL, Redis and MongoDB credentials reach admin-war and nothing else in the JVM. Ranked
 * at {@value #ORDINAL}, above system properties and the environment. Without the file (a container,
 * the EAR on a server) the environment decides: {@code BACKPACK_POSTGRES_URL}, ...
 */
public class PlatformConfigSource implements ConfigSource {

  /** The resource, relative to {@code WEB-INF/classes}. */
  public static final String RESOURCE = AppDirectory.PLATFORM_CONFIG.substring("WEB-INF/classes/".length());

  static final int ORDINAL = 500;

  private final Map<String, String> properties;

  public PlatformConfigSource() {
    this(PlatformConfigSource.class.getClassLoader().getResource(RESOURCE));
  }

  PlatformConfigSource(URL file) {
    properties = file == null ? Map.of() : load(file);
  }

  private static Map<String, String> load(URL file) {
    Properties loaded = new Properties();
    try (InputStream in = file.openStream()) {
      loaded.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> values = new HashMap<>();
    loaded.stringPropertyNames().forEach(k -> values.put(k, loaded.getProperty(k).trim()));
    return Map.copyOf(values);
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public String getName() {
    return "backpack-platform";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
