/**
 * Platform accounts, passwords, sessions and rate limits: the same standards as a backpack's users.
 *
 * <p>Decisions: PBKDF2-HMAC-SHA256 from the JDK, 210,000 iterations, 16-byte salt, 8..1024
 * characters; an unknown email costs the same time as a wrong password. Sessions in Redis under
 * {@code platform:} (never a backpack's {@code bp:<name>:}), keyed by the SHA-256 of a 256-bit
 * token, sliding TTL (12 h). Failed sign-ins limited per email (10) and per address (50), sign-ups
 * per address (20) per 15-minute window, keyed by hashes. The first account is the owner: a partial
 * unique index ({@code accounts_one_owner}) makes that true even for two simultaneous first
 * sign-ups. CSRF: see {@link dev.backpack.admin.accounts.boundary.CsrfFilter}.
 */
package dev.backpack.admin.accounts.control;
