/**
 * Users, passwords, sessions and rate limits of one backpack.
 *
 * <p>Decisions: PBKDF2-HMAC-SHA256 from the JDK with at least 210,000 iterations and a 16-byte
 * salt (no native library to ship per backpack); sessions in Redis keyed by the SHA-256 of the
 * token with a sliding TTL; login failures and registrations limited per email and per client
 * address with fixed windows in Redis; CSRF defended by SameSite=Lax plus an origin-or-header
 * check on cookie-authenticated writes (see {@link dev.backpack.core.auth.control.CurrentCaller}).
 */
package dev.backpack.core.auth.control;
