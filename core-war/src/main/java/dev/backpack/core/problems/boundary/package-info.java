/**
 * Maps every failure to problem+json: the API's own {@link
 * dev.backpack.core.problems.entity.ProblemException}, JAX-RS's routing errors, outages of
 * MongoDB or Redis (503 with Retry-After), unexpected bugs (500 with an incident id) and the
 * servlet container's own error pages.
 */
package dev.backpack.core.problems.boundary;
