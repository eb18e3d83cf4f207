package dev.backpack.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A server a previous run of the same data directory left running (its launcher died without
 * stopping it): recognised by the pid file the server keeps in that directory AND by the
 * process's own command line naming the server, so that neither a recycled pid nor a server of
 * another directory is ever touched. Stopped with SIGTERM (PostgreSQL: smart shutdown, its clients
 * died with the launcher; Redis: flushes its append-only file), then SIGKILL if it does not exit.
 */
public final class LeftOver {

  static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private LeftOver() {}

  /**
   * The live process whose pid is the first line of {@code pidFile} and whose command line
   * contains {@code program}, if any.
   *
   * @param pidFile the server's pid file in the data directory
   * @param program a word of the server's command line ({@code postgres}, {@code redis-server})
   * @return the process, or empty (no file, no such process, or another program)
   */
  public static Optional<ProcessHandle> find(Path pidFile, String program) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> commandLine(p).contains(program));
  }

  /** The process's command line as the kernel has it ({@code /proc/<pid>/cmdline}). */
  static String commandLine(ProcessHandle process) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return process.info().commandLine().orElse("");
    }
  }

  /**
   * Stops {@code process}: SIGTERM, up to {@link #STOP_WAIT}, then SIGKILL.
   *
   * @param process the left-over server
   * @param what how to name it in the progress line
   * @param progress receives one line
   */
  public static void stop(ProcessHandle process, String what, Consumer<String> progress) {
    progress.accept("stopping " + what + " left running by an earlier run of this data directory (pid " + process.pid() + ")");
    process.destroy();
    try {
      process.onExit().get(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception stillThere) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop " + what + " (pid " + process.pid() + ") left by an earlier run", e);
      }
    }
  }
}
