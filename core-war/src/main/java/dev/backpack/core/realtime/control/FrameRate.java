package dev.backpack.core.realtime.control;

/**
 * A token bucket per socket: {@code perSecond} frames a second on average, bursts up to {@code
 * burst}. Frames over the limit are refused; a client that keeps sending after refusals (more
 * refusals in a row than the burst) has earned a close.
 */
final class FrameRate {

  private final double perNano;
  private final int burst;
  private double tokens;
  private long last;
  private int refusedInARow;

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
    tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      refusedInARow = 0;
      return Verdict.ACCEPT;
    }
    refusedInARow++;
    return refusedInARow > burst ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
