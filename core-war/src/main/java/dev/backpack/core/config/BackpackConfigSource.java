package dev.backpack.core.config;

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
 * The settings of this one deployment: {@code META-INF/backpack.properties} as seen by the
 * deployment's own classloader ({@code WEB-INF/classes} of this backpack only).
 *
 * <p>Ranked at {@value #ORDINAL}, above system properties (400) and the environment (300), so a
 * platform-wide variable cannot leak into a backpack whose own file sets the key. When no file
 * exists (a container per backpack, a plain server) the environment and system properties decide,
 * e.g. {@code BACKPACK_MONGODB_URI}.
 */
public class BackpackConfigSource implements ConfigSource {

  public static final String RESOURCE = "META-INF/backpack.properties";
  static final int ORDINAL = 500;

  private final Map<String, String> properties;

  public BackpackConfigSource() {
    this(BackpackConfigSource.class.getClassLoader().getResource(RESOURCE));
  }

  BackpackConfigSource(URL file) {
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
    return "backpack-deployment";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
