package dev.backpack.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stops the embedded servers when the JVM that started them dies, however it dies (SIGKILL, a
 * crash): a small shell process reads a pipe from this JVM and, when the pipe closes — the kernel
 * closes it when the JVM is gone — sends the servers their stop signals. A clean stop of the JVM
 * ends the watchdog first ({@link #close()}), so it never signals anything then.
 */
public final class Watchdog implements AutoCloseable {

  private final Process shell;

  private Watchdog(Process shell) {
    this.shell = shell;
  }

  /**
   * Watches this JVM on behalf of {@code servers}.
   *
   * @param servers the processes to signal (SIGTERM to each) when this JVM dies
   * @return the running watchdog
   * @throws UncheckedIOException if {@code sh} cannot be started
   */
  public static Watchdog start(List<ProcessHandle> servers) {
    String pids = servers.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(" "));
    // cat returns when the pipe closes; only then are the servers told to stop
    String script = "cat >/dev/null; for pid in " + pids + "; do kill -TERM \"$pid\" 2>/dev/null; done";
    try {
      Process shell =
          new ProcessBuilder("sh", "-c", script)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new Watchdog(shell);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded servers' watchdog", e);
    }
  }

  /** The watchdog's process, for tests. */
  public ProcessHandle process() {
    return shell.toHandle();
  }

  /** What the kernel does when this JVM dies: the pipe's writing end goes away (tests). */
  void closePipe() throws IOException {
    shell.getOutputStream().close();
  }

  /** Ends the watchdog without signalling anything (the servers are stopped by their owner). */
  @Override
  public void close() {
    // the shell first: once cat is gone it would run its kills
    List<ProcessHandle> cat = shell.toHandle().descendants().toList();
    shell.destroyForcibly();
    cat.forEach(ProcessHandle::destroyForcibly);
    try {
      shell.getOutputStream().close();
    } catch (IOException ignored) {
      // the pipe is gone with the process
    }
  }
}
