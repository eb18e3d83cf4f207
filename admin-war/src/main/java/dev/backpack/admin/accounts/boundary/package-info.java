/**
 * {@code /admin/api/auth} (register, login, logout, me), {@code /admin/api/accounts} (owner) and
 * the CSRF filter of every write. Cookie {@code bp_admin_session}: HttpOnly, SameSite=Strict, path
 * {@code /admin/}, Secure under HTTPS; the token is also returned in the body for scripts, which
 * send it as {@code Authorization: Bearer}.
 */
package dev.backpack.admin.accounts.boundary;
