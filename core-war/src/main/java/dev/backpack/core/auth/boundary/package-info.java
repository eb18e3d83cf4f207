/**
 * {@code {base}/api/auth}. Decision: the token is returned in the body (for bearer use) and set as
 * an HttpOnly cookie scoped to this backpack's path (for browsers), so one backpack's cookie is
 * never sent to another backpack on the same host.
 */
package dev.backpack.core.auth.boundary;
