/**
 * Operations: a create or delete of a backpack whose steps stream live and stay readable.
 *
 * <p>Decisions: every operation and step is a row in PostgreSQL before it is pushed to watchers,
 * so a page reloaded mid-way, or opened after the end, reads the same steps; live delivery is an
 * in-memory fan-out ({@link dev.backpack.admin.operations.control.OperationFeed}), enough for one
 * platform instance. Operations run on the server's {@code ManagedExecutorService}. An operation
 * still {@code running} when the platform stopped is marked failed at the next start ("interrupted
 * by a platform restart"). Visibility follows the backpack's owner: the platform owner reads every
 * operation, a developer those on their own backpacks; others get 404.
 */
package dev.backpack.admin.operations.control;
