package dev.backpack.core.realtime.control;

import static dev.backpack.core.realtime.control.FrameRate.Verdict.ACCEPT;
import static dev.backpack.core.realtime.control.FrameRate.Verdict.CLOSE;
import static dev.backpack.core.realtime.control.FrameRate.Verdict.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
  void aClientSomewhatOverTheRateIsRefusedButStays() {
    long now = 0;
    int refused = 0;
    for (int i = 0; i < 150; i++) {
      now += SECOND / 15;
      FrameRate.Verdict verdict = cut.take(now);
      assertNotEquals(CLOSE, verdict, "15 frames a second against 10 at frame " + i);
      refused += verdict == REFUSE ? 1 : 0;
    }
    assertTrue(refused >= 45, "about a third refused: " + refused);
  }

  @Test
  void aClientFarOverTheRateIsClosedEvenIfSomeFramesPass() {
    long now = 0;
    for (int i = 0; i < 200; i++) {
      now += SECOND / 100;
      if (cut.take(now) == CLOSE) {
        assertTrue(now < SECOND, "closed within a second");
        return;
      }
    }
    fail("100 frames a second against 10 were never closed");
  }
}
