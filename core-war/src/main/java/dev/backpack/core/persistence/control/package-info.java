/**
 * The clients of this backpack's MongoDB database and Redis key space, produced for CDI.
 *
 * <p>Decisions: short server-selection and connect timeouts, so that an outage answers 503 within
 * about two seconds instead of hanging a request thread; one client per deployment (not shared
 * through the server), so backpacks never see each other's connections.
 */
package dev.backpack.core.persistence.control;
