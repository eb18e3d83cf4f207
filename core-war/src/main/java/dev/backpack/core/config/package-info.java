/**
 * Configuration of one backpack through MicroProfile Config.
 *
 * <p>Requirement: many backpacks share one process, yet each sees only its own settings.
 * Decision: a config source reading {@code META-INF/backpack.properties} from the deployment's own
 * classloader, ranked above the environment. The platform (admin-war's in-process driver) writes
 * that file into each backpack's exploded app directory; the jars of {@code WEB-INF/lib} are
 * shared between backpacks, so a backpack costs a few small files on disk, not a WAR copy. In a
 * container the same keys come from environment variables ({@code BACKPACK_MONGODB_URI}, ...).
 *
 * <p>Keys read here ({@link dev.backpack.core.config.BackpackSettings}): {@code backpack.name};
 * the data engine's: {@code backpack.postgres.url}, {@code .user}, {@code .password} (the
 * backpack's own role), {@code .schema} (its own schema, the role's name by default), {@code
 * .max-connections} (10) for the {@code postgres} engine, or {@code backpack.mongodb.uri} and
 * {@code backpack.mongodb.database}, whose presence chooses the {@code mongodb} engine; {@code
 * backpack.import.mongodb.uri} and {@code .database} (an earlier release's store to import once);
 * {@code backpack.redis.uri},
 * {@code backpack.redis.prefix}, {@code backpack.files.dir}, {@code backpack.admin.key}, {@code
 * backpack.limits.record-bytes}, {@code backpack.limits.query-millis}, {@code
 * backpack.client-collections}. Read by their features, through the same sources: the files
 * keys {@code backpack.files.max-bytes} (25 MiB per file), {@code backpack.files.quota-bytes} (1
 * GiB per backpack, {@code 0} = none) and {@code backpack.files.allowed-types} ({@code *}{@code
 * /*}) in {@code files.control.FileSettings}; {@code backpack.sessions.ttl-seconds} and {@code
 * backpack.auth.*} in {@code auth.control}; {@code backpack.realtime.*} in {@code
 * realtime.control.RealtimeSettings}. The platform's settings file sets the name, the engine,
 * Redis and its prefix, the files directory and the admin key; every other key comes from system
 * properties or the environment.
 */
package dev.backpack.core.config;
