/**
 * Where a backpack keeps its data: the {@link dev.backpack.core.engine.Engine} interface the
 * features call (collections with rules, records, users, file metadata, stats), with two
 * implementations beside it.
 *
 * <p>Requirements: acknowledged writes survive a crash; a list of 20 costs the same over 10,000
 * or 100,000 records; one backpack can never read another's data; teams that run MongoDB can keep
 * it. Decisions:
 *
 * <ul>
 *   <li>{@code postgres} (default, {@link dev.backpack.core.engine.postgres.PostgresEngine}): the
 *       backpack's own schema, reached as its own role (the platform makes both); records as
 *       server-field columns plus a {@code jsonb} body, one table for all collections with the
 *       collection in every index, so creating a collection needs no DDL; the filter language
 *       compiled to SQL with bound parameters only; every statement in autocommit under {@code
 *       statement_timeout}; a pool that holds no connection while the backpack is idle; the
 *       schema migrated by Flyway ({@code db/backpack/V*.sql}) at start.
 *   <li>{@code mongodb} ({@link dev.backpack.core.engine.mongodb.MongoEngine}): chosen by {@code
 *       backpack.mongodb.uri}; a database per backpack on a MongoDB the team runs. The MongoDB
 *       wire server of the tests is only its test double.
 *   <li>{@link dev.backpack.core.engine.LegacyImport} brings the data of an earlier release's
 *       MongoDB store into the schema once, counts checked.
 * </ul>
 */
package dev.backpack.core.engine;
