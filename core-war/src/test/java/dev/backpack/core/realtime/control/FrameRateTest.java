package dev.backpack.core.realtime.control;

import static dev.backpack.core.realtime.control.FrameRate.Verdict.ACCEPT;
import static dev.backpack.core.realtime.control.FrameRate.Verdict.CLOSE;
import static dev.backpack.core.realtime.control.FrameRate.Verdict.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameRateTest {

  static final long SECOND = 1_000_000_000L;

  FrameRate cut = new FrameRate(10, 3, 0);

  @Test
  void aBurstPassesThenFramesAreRefusedThenTheSocketIsClosed() {
    assertEquals(ACCEPT, cut.take(0));
    assertEquals(ACCEPT, cut.take(0));
    assertEquals(ACCEPT, cut.take(0));
    assertEquals(REFUSE, cut.take(0));
    assertEquals(REFUSE, cut.take(0));
    assertEquals(REFUSE, cut.take(0));
    assertEquals(CLOSE, cut.take(0), "more refusals in a row than the burst");
  }

  @Test
  void tokensComeBackAtTheRate() {
    cut.take(0);
    cut.take(0);
    cut.take(0);
    assertEquals(REFUSE, cut.take(0));
    assertEquals(ACCEPT, cut.take(SECOND / 10), "one frame per tenth of a second");
    assertEquals(REFUSE, cut.take(SECOND / 10));
    assertEquals(ACCEPT, cut.take(10 * SECOND));
    assertEquals(ACCEPT, cut.take(10 * SECOND));
    assertEquals(ACCEPT, cut.take(10 * SECOND));
    assertEquals(REFUSE, cut.take(10 * SECOND), "the bucket holds at most the burst");
  }

  @Test
  void anAcceptedFrameForgivesEarlierRefusals() {
    cut.take(0);
    cut.take(0);
    cut.take(0);
    cut.take(0);
    cut.take(0);
    cut.take(0);
    assertEquals(ACCEPT, cut.take(SECOND / 10));
    assertEquals(REFUSE, cut.take(SECOND / 10));
    assertEquals(REFUSE, cut.take(SECOND / 10));
    assertEquals(REFUSE, cut.take(SECOND / 10));
    assertEquals(CLOSE, cut.take(SECOND / 10));
  }
}
