package dev.backpack.core.realtime.control;

/**
 * A token bucket per socket: {@code perSecond} frames a second on average, bursts up to {@code
 * burst}. Frames over the limit are refused (the client gets a 429 error). Refusals count as
 * strikes that fade at the same rate; more than {@code burst} strikes (a client sending at more
 * than about twice the rate, or a burst it was told to stop) closes the socket.
 */
final class FrameRate {

  private final double perNano;
  private final int burst;
  private double tokens;
  private double strikes;
  private long last;

  FrameRate(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  enum Verdict {
    ACCEPT,
    REFUSE,
    CLOSE
  }

  synchronized Verdict take(long nowNanos) {
    double earned = (nowNanos - last) * perNano;
    last = nowNanos;
    tokens = Math.min(burst, tokens + earned);
    strikes = Math.max(0, strikes - earned);
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    strikes += 1;
    return strikes > burst ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
