/**
 * The platform's settings, stores and start-up.
 *
 * <p>Decisions: settings through MicroProfile Config, with the launcher's file ({@code
 * META-INF/backpack-platform.properties}, mode 600, only admin-war's class loader sees it) ranked
 * above the environment, so the same keys work as environment variables in a container or on a
 * server ({@code BACKPACK_POSTGRES_URL}, {@code BACKPACK_REDIS_URI}, {@code BACKPACK_MONGODB_URI},
 * {@code BACKPACK_DATA_DIR}, {@code BACKPACK_CORE_WAR}, {@code BACKPACK_DRIVER}, {@code
 * BACKPACK_PUBLIC_URL}, {@code BACKPACK_INTERNAL_URL}). The schema is migrated synchronously when
 * admin-war deploys (nothing answers before it is current); the backpacks are brought up on a
 * managed thread afterwards, and {@link dev.backpack.admin.platform.control.StartupLog} tells the
 * launcher when that is done. The registration switch is a row of {@code settings}, changed by the
 * owner at run time.
 */
package dev.backpack.admin.platform.control;
