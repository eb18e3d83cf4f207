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
 * the same way the launcher configures a backpack.
 */
public final class Deployments {

  public static final String ADMIN_KEY = "test-admin-key-" + UUID.randomUUID();

  private Deployments() {}

  public static WebArchive backpack(String name) {
    return backpack(name, TestBackends.mongoUri(), Map.of());
  }

  public static WebArchive backpack(String name, String mongoUri, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("backpack.name", name);
    settings.put("backpack.mongodb.uri", mongoUri);
    settings.put("backpack.mongodb.database", "it_" + name + "_" + UUID.randomUUID().toString().substring(0, 8));
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
