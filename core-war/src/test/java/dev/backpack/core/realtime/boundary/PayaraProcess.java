package dev.backpack.core.realtime.boundary;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A Payara Micro process of our own, for a second replica (Arquillian's managed container runs
 * one process per test class): the same payara-micro.jar, options and heap as the container.
 */
final class PayaraProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private PayaraProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts Payara Micro with the given backpacks and waits until each answers its health. */
  static PayaraProcess start(WebArchive... backpacks) {
    return start("-Xmx384m", backpacks);
  }

  /** {@link #start(WebArchive...)} with another heap option, e.g. {@code -Xmx2g}. */
  static PayaraProcess start(String heap, WebArchive... backpacks) {
    try {
      Path dir = Files.createTempDirectory("backpack-replica");
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"),
          heap,
          "-jar",
          System.getProperty("payara.microJar"),
          "--nocluster",
          "--disablephonehome",
          "--port",
          Integer.toString(port)));
      for (WebArchive war : backpacks) {
        File file = dir.resolve(war.getName()).toFile();
        war.as(ZipExporter.class).exportTo(file, true);
        command.add("--deploy");
        command.add(file.getAbsolutePath());
      }
      Path log = dir.resolve("payara.log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      PayaraProcess payara = new PayaraProcess(process, port, log);
      for (WebArchive war : backpacks) {
        payara.awaitHealthy(war.getName().replaceAll("\\.war$", ""), Duration.ofSeconds(180));
      }
      return payara;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitHealthy(String name, Duration wait) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create(base(name) + "/api/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(name + " did not become healthy; see " + log);
  }

  /** The process id, e.g. to read its memory from /proc. */
  long pid() {
    return process.pid();
  }

  /** The resident memory of the process in MiB (Linux), or -1. */
  long residentMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return -1;
  }

  /** The base URL of a backpack in this process, on the loopback. */
  String base(String name) {
    return "http://127.0.0.1:" + port + "/" + name;
  }

  URL url(String name) {
    try {
      return URI.create(base(name) + "/").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the process at once, as a crash would: no undeploy, no goodbye to Redis. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
