/**
 * {@code {base}/api/realtime}, a Jakarta WebSocket endpoint (Tyrus in Payara).
 *
 * <p>Decisions: the endpoint lives at {@code /api/realtime} next to the JAX-RS application at
 * {@code /api/*}: Payara's WebSocket filter takes the upgrade before the JAX-RS servlet sees the
 * request (verified by {@code RealtimeIT}), so the path of API.md holds. The endpoint only
 * registers sessions and parses frames; it hands the controls a {@link
 * dev.backpack.core.realtime.control.Transport}, so nothing behind it knows about WebSocket. The
 * container's own idle timeout is off; {@link dev.backpack.core.realtime.control.Connections}
 * pings and reaps. Frames over {@value
 * dev.backpack.core.realtime.control.RealtimeSettings#HARD_FRAME_BYTES} bytes are refused by the
 * container with close 1009; smaller frames over {@code backpack.realtime.max-frame-bytes} get a
 * 413 error and the socket stays open.
 */
package dev.backpack.core.realtime.boundary;
