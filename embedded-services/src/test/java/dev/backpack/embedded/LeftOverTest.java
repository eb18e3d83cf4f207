package dev.backpack.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server an earlier run left running on the same directory is stopped before the next start;
 * a process the pid file names that is not that server is never touched; the watchdog stops the
 * servers when its pipe closes, and nothing when it is closed cleanly.
 */
class LeftOverTest {

  @TempDir Path dir;

  @Test
  void aRedisLeftRunningOnTheSameDirectoryIsStoppedBeforeTheNextStart() throws Exception {
    EmbeddedRedis earlier = EmbeddedRedis.create(dir.resolve("redis"), 0).start();
    ProcessHandle left = earlier.process();
    List<String> progress = new ArrayList<>();
    EmbeddedRedis next = EmbeddedRedis.create(dir.resolve("redis"), 0).start(progress::add);
    try {
      assertTrue(left.onExit().get(30, TimeUnit.SECONDS) != null && !left.isAlive(), "the earlier server is gone");
      assertEquals(1, progress.size(), progress.toString());
      assertTrue(progress.get(0).startsWith("stopping redis-server left running by an earlier run of this data directory (pid " + left.pid()), progress.get(0));
      assertTrue(next.isRunning());
      assertTrue(next.process().isAlive());
    } finally {
      next.stop();
      earlier.stop();
    }
  }

  @Test
  void aPidFileNamingAnotherProgramIsLeftAlone() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try {
      Path pidFile = dir.resolve("redis").resolve(EmbeddedRedis.PID_FILE);
      Files.createDirectories(pidFile.getParent());
      Files.writeString(pidFile, stranger.pid() + "\n");
      assertTrue(LeftOver.find(pidFile, "redis-server").isEmpty(), "not a redis-server");
      List<String> progress = new ArrayList<>();
      EmbeddedRedis redis = EmbeddedRedis.create(dir.resolve("redis"), 0).start(progress::add);
      redis.stop();
      assertEquals(List.of(), progress);
      assertTrue(stranger.isAlive(), "never touched");
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void theWatchdogSignalsTheServersWhenItsPipeClosesAndNothingWhenClosed() throws Exception {
    Process first = new ProcessBuilder("sleep", "60").start();
    Process second = new ProcessBuilder("sleep", "60").start();
    try {
      Watchdog kept = Watchdog.start(List.of(first.toHandle()));
      kept.close();
      Thread.sleep(300);
      assertTrue(first.isAlive(), "a clean close signals nothing");

      Watchdog watching = Watchdog.start(List.of(second.toHandle()));
      List<ProcessHandle> cat = watching.process().descendants().toList();
      watching.closePipe();
      assertTrue(second.waitFor(10, TimeUnit.SECONDS), "the server got its SIGTERM");
      assertFalse(cat.stream().anyMatch(ProcessHandle::isAlive));
    } finally {
      first.destroyForcibly();
      second.destroyForcibly();
    }
  }
}
