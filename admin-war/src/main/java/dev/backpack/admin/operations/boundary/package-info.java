/**
 * {@code /admin/api/operations}: {@code GET /} (newest first, {@code ?backpack=&limit=}), {@code
 * GET /{id}} (with steps) and {@code GET /{id}/events} (text/event-stream: {@code step} events with
 * ids, then one {@code end}; {@code Last-Event-ID} resumes). SSE rather than WebSocket: one-way,
 * plain HTTP with the session cookie, and the browser's {@code EventSource} reconnects by itself.
 */
package dev.backpack.admin.operations.boundary;
