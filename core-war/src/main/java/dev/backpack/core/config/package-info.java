/**
 * Configuration of one backpack through MicroProfile Config.
 *
 * <p>Requirement: many backpacks share one process, yet each sees only its own settings.
 * Decision: a config source reading {@code META-INF/backpack.properties} from the deployment's own
 * classloader, ranked above the environment. The launcher writes that file into each backpack's
 * exploded app directory; the jars of {@code WEB-INF/lib} are shared between backpacks, so a
 * backpack costs a few small files on disk, not a WAR copy. In a container the same keys come
 * from environment variables ({@code BACKPACK_MONGODB_URI}, ...).
 *
 * <p>Keys: {@code backpack.name}, {@code backpack.mongodb.uri}, {@code backpack.mongodb.database},
 * {@code backpack.redis.uri}, {@code backpack.redis.prefix}, {@code backpack.files.dir}, {@code
 * backpack.admin.key}, {@code backpack.limits.record-bytes}, {@code
 * backpack.limits.query-millis}, {@code backpack.client-collections}.
 */
package dev.backpack.core.config;
