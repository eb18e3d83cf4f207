/**
 * The in-process driver ({@code backpack.driver=inprocess}, the default): every backpack is one
 * deployment of core-war in the server admin-war runs in.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>The GlassFish deployment API</b> ({@code org.glassfish.embeddable.Deployer} from {@code
 *       Globals.getDefaultHabitat()}), reached by reflection, with Payara Micro's runtime as the
 *       fallback: the same code deploys on Payara Micro (the launcher), Payara Server and GlassFish
 *       (the EAR of issue 9). Calls run with the server's class loader as context loader, and one at
 *       a time (a lock): deployments share the server's machinery; health waits run outside it.
 *       The first call waits until the server lists admin-war's own application ({@code
 *       java:app/AppName}) as deployed: the platform starts in the middle of that deployment, and a
 *       backpack deployed meanwhile makes one of the two fail in GlassFish.
 *   <li><b>Exploded, link-sharing deployments</b> from {@code dev.backpack.deployment}: {@code
 *       DATA/backpacks/<name>/app} holds copied descriptors, one symbolic link per core-war jar and
 *       the backpack's own settings file; rebuilt at every deployment, so a new core WAR or new
 *       service ports are picked up at the next platform start.
 *   <li><b>A schema per backpack, not a database per backpack</b>, in the platform's PostgreSQL:
 *       schema {@code bp_<name>} owned by role {@code bp_<name>} with its own generated password
 *       ({@link dev.backpack.admin.drivers.inprocess.PostgresRoles}). Why: a JDBC connection is
 *       bound to one database, so schemas let the whole server be reached through one URL and a
 *       backpack's pool needs nothing but its role (databases would mean one more URL and catalog
 *       per backpack, and {@code CREATE DATABASE} copies a template: ~10 MB on disk and a
 *       checkpoint each, slow to create and drop, bad for 1,000 backpacks); a schema is created and
 *       dropped in milliseconds within one transaction; {@code pg_dump -n bp_<name>} still backs
 *       up or moves one backpack alone. The isolation comes from the role, not from the container:
 *       {@code NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT}, owner of its schema only, no grant
 *       on any other schema or on the platform's tables (created by the platform's role, which
 *       grants nothing to PUBLIC), {@code CREATE} on schema {@code public} revoked from PUBLIC
 *       (granted by servers before 15), a {@code CONNECTION LIMIT} of its pool plus 2. What a role
 *       still sees is the catalog (names of other schemas and tables), as in every PostgreSQL.
 *       The password is kept like the admin key: in the registry ({@code
 *       backpacks.postgres_password}) and in the backpack's settings file (mode 600), never in an
 *       answer or a log; it is set with {@code PGConnection.alterUserPassword} (hashed
 *       client-side). Every start makes sure role and schema exist (backpacks of an earlier release
 *       get them then). When the platform was given a MongoDB ({@code backpack.mongodb.uri}),
 *       backpacks use it instead (database {@code bp_<name>}), as before.
 *   <li><b>Ready means healthy</b>: a create or start returns once {@code /<name>/api/health}
 *       answers 200 over loopback ({@code backpack.internal.url}).
 *   <li><b>Remove is complete and idempotent</b>: undeploy, drop schema {@code bp_<name>} CASCADE and role {@code bp_<name>} after ending its
 *       sessions (or the MongoDB database {@code bp_<name>}), UNLINK
 *       keys {@code bp:<name>:*} found by SCAN (never KEYS: it would block Redis for every other
 *       backpack), delete {@code DATA/backpacks/<name>}. It is also the rollback of a failed create,
 *       and a create first removes what an earlier backpack of the same name may have left, so a new
 *       owner never inherits data.
 *   <li>Status is what this driver last did ({@code deploying}, {@code up}, {@code failed} with the
 *       reason), {@code down} for a registered backpack it has not deployed: cheap for lists of
 *       many backpacks.
 * </ul>
 */
package dev.backpack.admin.drivers.inprocess;
