/**
 * The Swarm driver: every backpack its own set of Swarm services behind Traefik.
 *
 * <p>Requirements: a backpack is a private overlay network, a MongoDB service and a Redis service
 * with volumes, and the core service (Payara Micro running core-war at {@code /}) with Traefik
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
 *       directory config source. MongoDB and Redis passwords are derived from the admin key with
 *       HMAC-SHA256, so a platform that lost a secret recreates the same one and the data volumes
 *       still open.
 *   <li>Everything of a backpack carries the label {@code dev.backpack.backpack=<name>}; removal
 *       lists by label, so a half-made backpack is removed as completely as a whole one.
 *   <li>{@code backpack.swarm.access=host} publishes each core task's port in host mode on a random
 *       port, for a platform running outside the swarm (this project's tests; there is no IPVS on
 *       the test machines, so services use {@code endpoint-mode=dnsrr} there).
 * </ul>
 */
package dev.backpack.admin.drivers.swarm;
