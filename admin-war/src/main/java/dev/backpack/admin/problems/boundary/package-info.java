/**
 * Maps every failure to problem+json: the API's own {@link
 * dev.backpack.admin.problems.entity.ProblemException}, JAX-RS's routing errors, outages of
 * PostgreSQL or Redis (503 with Retry-After), unexpected bugs (500 with an incident id in the log)
 * and the servlet container's own error pages. The same shape as a backpack's errors (API.md,
 * Errors), so the SPA handles both alike; a backpack's own problem passed through the browse proxy
 * arrives unchanged.
 */
package dev.backpack.admin.problems.boundary;
