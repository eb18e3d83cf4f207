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
 *   <li><b>Ready means healthy</b>: a create or start returns once {@code /<name>/api/health}
 *       answers 200 over loopback ({@code backpack.internal.url}).
 *   <li><b>Remove is complete and idempotent</b>: undeploy, drop database {@code bp_<name>}, UNLINK
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
