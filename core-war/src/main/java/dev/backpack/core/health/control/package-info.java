/**
 * Readiness of one backpack: its database and its Redis. Decision: the same probe feeds the
 * backpack's own {@code /api/health} and the platform's MicroProfile Health endpoint.
 */
package dev.backpack.core.health.control;
