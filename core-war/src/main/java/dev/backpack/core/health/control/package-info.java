/**
 * Readiness of one backpack: its database and its Redis. Decision: the same probe feeds the
 * backpack's own {@code /api/health} and the platform's MicroProfile Health endpoint.
 *
 * <p>Decision: MicroProfile Health is optional. The readiness check exists only where the server
 * provides the API (Payara); {@code META-INF/beans.xml} leaves it out of bean discovery elsewhere,
 * so the same WAR deploys cleanly on GlassFish 7, which has none. {@code /api/health} works
 * everywhere.
 */
package dev.backpack.core.health.control;
