/**
 * The admin platform (admin-war, context root {@code /admin}, JSON API at {@code /admin/api}):
 * platform accounts, the backpacks they create, the operations that create and delete them, and
 * browsing a backpack through its admin API. Described route by route in {@code
 * /admin/api/openapi}.
 *
 * <h2>Features</h2>
 *
 * <ul>
 *   <li>{@code accounts}: sign-up, sign-in, sessions (Redis), rate limits, CSRF; the first account
 *       is the platform owner.
 *   <li>{@code backpacks}: the registry (PostgreSQL), create/delete as operations, start-up
 *       redeployment, the browse routes.
 *   <li>{@code operations}: steps persisted and streamed live (SSE).
 *   <li>{@code drivers}: where backpacks run, behind {@link
 *       dev.backpack.admin.drivers.control.BackpackDriver} ({@code inprocess} by default).
 *   <li>{@code platform}: settings (MicroProfile Config), PostgreSQL (HikariCP + Flyway), Redis,
 *       the start-up, the owner's settings, the launcher's system routes, the OpenAPI document.
 *   <li>{@code problems}, {@code json}: problem+json for every error; strict JSON bodies.
 * </ul>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>Plain JDBC with a small HikariCP pool rather than JPA: five tables, a few statements each,
 *       and the unique constraints that decide races (name of a backpack, one owner) are visible in
 *       the code that relies on them. Flyway migrates the schema at deployment, before the API
 *       answers.
 *   <li>Its libraries (PostgreSQL driver, HikariCP, Flyway, jedis, MongoDB driver, the shared
 *       {@code deployment} jar) are bundled with {@code delegate="false"}, like core-war's; JSON-P,
 *       JAX-RS (Jersey, SSE), CDI, MicroProfile Config and Concurrency come from the server.
 *   <li>Thin resources: HTTP mapping only; every decision is a control's.
 * </ul>
 */
package dev.backpack.admin;
