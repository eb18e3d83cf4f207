/**
 * Backpack's deliverables on full Jakarta EE 10 servers, driven the way a server team drives them.
 *
 * <p>Requirements (issue 9): core-war deploys on its own to GlassFish 7 and answers its API; the
 * platform EAR on Payara Server 6 signs in, creates a backpack with the in-process driver, uses it,
 * deletes it and brings the backpacks back after a redeployment; nothing needs the launcher.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>Real distributions, real asadmin.</b> Maven unpacks {@code
 *       org.glassfish.main.distributions:glassfish} and {@code fish.payara.distributions:payara}
 *       from the local repository once; each test class copies the pristine {@code domain1}, so a
 *       run never inherits a deployment or a setting from an earlier one. No Arquillian: the point
 *       is the {@code asadmin} sequence the README documents ({@code create-system-properties},
 *       {@code create-password-alias}, {@code deploy}, {@code redeploy}, {@code undeploy}).
 *   <li><b>Loopback only.</b> Every listener of {@code domain.xml} is moved to a free port on
 *       127.0.0.1 before the first start ({@link dev.backpack.servertests.DomainXml}), and each
 *       test checks the server process's listening sockets in {@code /proc} ({@link
 *       dev.backpack.servertests.Listeners}).
 *   <li><b>One domain start per server</b> (10-30 s each): the checks of a class share it and run in
 *       order ({@code @Order}), later ones building on earlier ones.
 *   <li><b>Backing servers from {@code embedded-services}</b>, started by the test JVM and named to
 *       the server from outside, as production servers would be.
 * </ul>
 */
package dev.backpack.servertests;
