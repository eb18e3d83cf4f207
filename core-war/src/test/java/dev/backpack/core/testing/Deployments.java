package dev.backpack.core.testing;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Backpacks for Arquillian: the WAR Maven built (not a hand-listed set of classes), renamed to
 * the backpack's name (its context root) and given its own {@code META-INF/backpack.properties},
 * the same way the platform configures a backpack: by default on the {@code postgres} engine in a
 * schema (and role) of its own.
 */
public final class Deployments {

  public static final String ADMIN_KEY = "test-admin-key-" + UUID.randomUUID();

  private Deployments() {}

  /** A backpack on the {@code postgres} engine, in a schema of its own. */
  public static WebArchive backpack(String name) {
    return backpack(name, Map.of());
  }

  /**
   * A backpack with more settings; without engine settings among them ({@link
   * TestBackends#postgres}, {@link TestBackends#mongodb}) it gets a schema of its own.
   */
  public static WebArchive backpack(String name, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.name", name);
    boolean engineGiven =
        overrides.keySet().stream()
            .anyMatch(k -> k.startsWith("backpack.postgres.") || k.startsWith("backpack.mongodb."));
    if (!engineGiven) {
      settings.putAll(TestBackends.newPostgres("it_" + name.replace('-', '_')));
    }
    settings.put("backpack.redis.uri", TestBackends.redisUri());
    settings.put("backpack.redis.prefix", "bp:" + name + ":");
    settings.put("backpack.files.dir", TestBackends.dir().resolve(name).toString());
    settings.put("backpack.admin.key", ADMIN_KEY);
    settings.putAll(overrides);
    StringBuilder properties = new StringBuilder();
    settings.forEach((k, v) -> properties.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    WebArchive built =
        ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("backpack.war")));
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .merge(built)
        .addAsResource(new StringAsset(properties.toString()), "META-INF/backpack.properties");
  }
}
