/**
 * The API description per backpack. Decision: a maintained OpenAPI document served by each
 * backpack at {@code {base}/api/openapi} instead of the server's MicroProfile OpenAPI endpoint,
 * which describes one application per server, not one per backpack; scanning is switched off to
 * keep deployments fast.
 */
package dev.backpack.core.openapi.boundary;
