/**
 * Backpacks: the registry (PostgreSQL, {@code backpacks}), the create and delete operations, the
 * start-up that brings every backpack up again, and calls to a backpack's admin API.
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>The registry row reserves the name.</b> A create inserts the row ({@code creating})
 *       before anything else; the primary key makes one of two simultaneous creates fail with 409,
 *       even across platforms sharing the database. The row becomes {@code active} only when the
 *       backpack answers its health check.
 *   <li><b>A failed create leaves nothing</b>: the driver's {@code remove} undoes every step
 *       (deployment, database, Redis keys, files), then the row is deleted; the operation's error
 *       says what failed, and whether the rollback was complete.
 *   <li><b>Delete</b> marks the row {@code deleting}, then removes the deployment and all data, then
 *       the row. A delete that failed leaves the row (status {@code failed}) and may be repeated.
 *   <li><b>Start-up</b> rolls back creates and finishes deletes a stopped platform left half-done,
 *       then deploys every active backpack, one after the other (statuses {@code deploying} until
 *       each one's turn), then creates the names the launcher asked for ({@code --backpack}), owned
 *       by the platform (no owner: only the platform owner sees them).
 *   <li><b>Admin keys</b> are 256-bit random values kept in PostgreSQL in clear: the platform must
 *       present them to the backpack (a hash would not do); whoever reads the platform's database
 *       administers the platform anyway. They never appear in an API answer.
 *   <li>The launcher's former file registry is imported once ({@link
 *       dev.backpack.admin.backpacks.control.LegacyRegistry}).
 * </ul>
 */
package dev.backpack.admin.backpacks.control;
