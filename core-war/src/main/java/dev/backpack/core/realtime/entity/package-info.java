/**
 * The frames of {@code {base}/api/realtime}: what a client sends ({@link
 * dev.backpack.core.realtime.entity.ClientFrame}), what the server sends ({@link
 * dev.backpack.core.realtime.entity.ServerFrames}) and the close codes ({@link
 * dev.backpack.core.realtime.entity.CloseCodes}).
 *
 * <p>Decisions: frames are JSON objects parsed with the same limits as request bodies (depth,
 * duplicate names, UTF-8); an error frame carries the fields of a problem+json body ({@code
 * status}, {@code detail}, {@code errors}); custom close codes echo the HTTP status of the same
 * situation (4401, 4408, 4429).
 */
package dev.backpack.core.realtime.entity;
