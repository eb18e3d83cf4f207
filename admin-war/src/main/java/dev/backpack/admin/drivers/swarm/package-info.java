/**
 * The Swarm driver: every backpack its own set of Swarm services behind Traefik.
 *
 * <p>Requirements: a backpack is a private overlay network, a database service (PostgreSQL by
 * default, MongoDB selectable) and a Redis service with volumes, and the core service (Payara Micro running core-war at {@code /}) with Traefik
 * labels on the service ({@code Host(<name>.<domain>)}, an explicit server port); its credentials
 * and admin key are Docker secrets, never environment variables; its admin API is reachable only
 * over the internal network (the Traefik rule excludes {@code /api/admin}); removal leaves nothing
 * (services, secrets, networks, volumes); replicas and per-service CPU/memory limits can change at
 * run time; status comes from the tasks' states.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>{@link dev.backpack.admin.drivers.swarm.SwarmServices} turns a backpack into specs as data
 *       (unit-tested, Traefik's label schema included); {@link
 *       dev.backpack.admin.drivers.swarm.SwarmDriver} only sends them and watches tasks.
 *   <li>docker-java core + the httpclient5 transport only (the combined artifact drags in javax
 *       Jersey); one client, produced and disposed by {@link
 *       dev.backpack.admin.drivers.swarm.DockerClients}, created on first use. It never pulls.
 *   <li>Secrets reach core-war as files named after MicroProfile Config keys ({@code
 *       backpack.admin.key}, ...) in {@code /run/secrets}, which the core image's Payara reads as a
 *       directory config source. The database's and Redis's passwords are derived from the admin key with
 *       HMAC-SHA256, so a platform that lost a secret recreates the same one and the data volumes
 *       still open.
 *   <li><b>A PostgreSQL service per backpack</b> ({@code bp-<name>-postgres}, image {@code
 *       backpack.swarm.postgres-image}, {@code postgres:16}), not a schema in the platform's
 *       PostgreSQL as the in-process driver does: the isolation the MongoDB service gave stays
 *       (a backpack's database is on its private network only; no core has a route to the
 *       platform's database, whose network it is not on, nor to another backpack's), its data is
 *       in a volume of its own ({@code bp-<name>-postgres}) that goes with the backpack, its CPU and
 *       memory can be limited on its own ({@code limits.database}), and the platform's database
 *       is neither a shared bottleneck nor a single point of failure for every backpack. The cost
 *       is a PostgreSQL server per backpack (tens of MiB at rest).
 *   <li>The PostgreSQL service is configured as the official image reads it, which {@code
 *       backpack/postgres-standin} reads too: {@code POSTGRES_USER=backpack}, {@code
 *       POSTGRES_DB=backpack}, {@code POSTGRES_PASSWORD_FILE} (a Docker secret derived from the
 *       admin key like the others). No init script: the core logs in as that user, owner of the
 *       database, and migrates the schema {@code public} (owned by the database's owner on
 *       PostgreSQL 15+, by the bootstrap user, which is the same user, before), so nothing has to
 *       exist beforehand on either image. That user is the cluster's superuser; the cluster holds
 *       this backpack only, as MongoDB's root user did. {@code max_connections} leaves room for
 *       twenty replicas' pools of ten.
 *   <li>{@code backpack.swarm.engine} ({@code postgres} | {@code mongodb}) chooses the engine of a
 *       <em>new</em> backpack; one that exists keeps the database service it has (found by name),
 *       so a backpack made before PostgreSQL was the default stays on its MongoDB. The core's
 *       engine follows from its settings: {@code backpack.postgres.*}, or the secret {@code
 *       backpack.mongodb.uri}.
 *   <li>Everything of a backpack carries the label {@code dev.backpack.backpack=<name>}; removal
 *       lists by label, so a half-made backpack is removed as completely as a whole one.
 *   <li>{@code backpack.swarm.access=host} publishes each core task's port in host mode on a random
 *       port, for a platform running outside the swarm (this project's tests; there is no IPVS on
 *       the test machines, so services use {@code endpoint-mode=dnsrr} there).
 * </ul>
 */
package dev.backpack.admin.drivers.swarm;
