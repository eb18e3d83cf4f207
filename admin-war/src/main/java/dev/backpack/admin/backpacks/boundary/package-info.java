/**
 * {@code /admin/api/backpacks}: the backpacks (list, create, show, delete) and the browse routes
 * below {@code /admin/api/backpacks/{name}/} (users, collections and records, files, stats), which
 * call the backpack's own admin API with its admin key.
 *
 * <p>Decisions: one resource per area ({@code users}, {@code collections}, {@code files}, {@code
 * stats}) mapped route by route, not a catch-all proxy, so only the admin routes listed are
 * reachable and each path segment is encoded on its own (a hostile id cannot climb to another
 * route). The backpack's status and body pass through unchanged (its problem+json included), with
 * a short list of headers; a {@code Location} is rewritten to the platform's URL. Access is checked
 * before anything is sent: another developer's backpack is 404, like one that does not exist.
 */
package dev.backpack.admin.backpacks.boundary;
