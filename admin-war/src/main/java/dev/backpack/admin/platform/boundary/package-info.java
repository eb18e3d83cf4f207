/**
 * {@code /admin/api/platform} (public facts, the owner's settings), {@code /admin/api/openapi}
 * (the API's description) and {@code /admin/api/system} (the launcher's routes: loopback and a
 * per-start key only, 404 for anyone else).
 */
package dev.backpack.admin.platform.boundary;
