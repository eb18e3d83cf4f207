package dev.backpack.core.realtime.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backpack.core.testing.Api;
import dev.backpack.core.testing.Deployments;
import dev.backpack.core.testing.TestBackends;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realtime benchmark (not part of the build: its name does not end in IT). One Payara Micro
 * process with one backpack, on this machine's loopback, clients in this JVM:
 *
 * <ol>
 *   <li>fan-out latency: one REST write to N subscribers of the collection, N = 100 and 1,000,
 *       from just before the POST until each subscriber has the {@code change} frame;
 *   <li>idle authenticated sockets: opened (and subscribed) in batches until {@code
 *       bench.sockets} or the first failure, held for {@code bench.hold-seconds} through several
 *       ping rounds, counted again, with the server's resident memory;
 *   <li>fan-out latency to all of those sockets.
 * </ol>
 *
 * <p>Run (see bench/README.md): {@code cd core-war && ../mvnw verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealtimeBench}, options {@code
 * -Dbench.sockets=19000 -Dbench.heap=2g -Dbench.hold-seconds=35}. It prints a report and writes
 * it to {@code target/realtime-bench.md}.
 */
class RealtimeBench {

  static final int SOCKETS = Integer.getInteger("bench.sockets", 19_000);
  static final String HEAP = System.getProperty("bench.heap", "2g");
  static final int HOLD_SECONDS = Integer.getInteger("bench.hold-seconds", 35);
  static final int SOCKETS_PER_CLIENT = 1_000;

  static PayaraProcess payara;
  static URI ws;
  static Api writer;
  static String token;
  static final StringBuilder REPORT = new StringBuilder();

  /** One write in flight: when it was sent, and when each subscriber had it. */
  static final class Probe {
    final long sent = System.nanoTime();
    final long[] latencies;
    final AtomicInteger received = new AtomicInteger();
    final CountDownLatch all;

    Probe(int subscribers) {
      latencies = new long[subscribers];
      all = new CountDownLatch(subscribers);
    }

    void arrived(long now) {
      int i = received.getAndIncrement();
      if (i < latencies.length) {
        latencies[i] = now - sent;
        all.countDown();
      }
    }
  }

  static final Map<Integer, Probe> PROBES = new ConcurrentHashMap<>();
  static final AtomicInteger CLOSED = new AtomicInteger();

  /** A subscriber that only notes when changes arrive (a cheap scan, no JSON parsing). */
  static final class Subscriber implements WebSocket.Listener {

    final CountDownLatch subscribed = new CountDownLatch(1);
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket socket) {
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        if (frame.startsWith("{\"type\":\"change\"")) {
          int at = frame.indexOf("\"k\":") + 4;
          int end = at;
          while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
          }
          Probe probe = end == at ? null : PROBES.get(Integer.parseInt(frame.substring(at, end)));
          if (probe != null) {
            probe.arrived(now);
          }
        } else if (frame.startsWith("{\"type\":\"ack\"")) {
          subscribed.countDown();
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      CLOSED.incrementAndGet();
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      CLOSED.incrementAndGet();
    }
  }

  @BeforeAll
  static void start() {
    payara =
        PayaraProcess.start(
            "-Xmx" + HEAP,
            Deployments.backpack(
                "bench",
                Map.of(
                    "backpack.realtime.max-sockets", "1000000",
                    "backpack.realtime.max-sockets-per-user", "1000000",
                    "backpack.realtime.ping-seconds", "10",
                    "backpack.realtime.idle-seconds", "30")));
    ws = URI.create("ws://127.0.0.1:" + payara.url("bench").getPort() + "/bench/api/realtime");
    Accounts account = Accounts.register(new Api(payara.base("bench")));
    writer = account.api();
    token = account.token();
    account.create("bench", "{\"k\":-1}");
  }

  @AfterAll
  static void stop() throws IOException {
    if (payara != null) {
      payara.close();
    }
    System.out.println(REPORT);
    Files.writeString(Path.of("target", "realtime-bench.md"), REPORT.toString());
  }

  @Test
  void fanOutAndIdleSockets() throws Exception {
    line("# Realtime benchmark, " + Instant.now());
    line("");
    line(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs; server: one Payara Micro, -Xmx"
            + HEAP
            + ", one backpack; clients: this JVM, JDK WebSocket, 127.0.0.1.");
    line("");
    line(
        "| subscribers | writes | POST answered ms | p50 ms | p99 ms | last subscriber ms (median)"
            + " | last subscriber ms (worst) |");
    line("|---|---|---|---|---|---|---|");
    try (Sockets hundred = Sockets.open(100)) {
      fanOut(hundred, 30);
    }
    try (Sockets thousand = Sockets.open(1_000)) {
      fanOut(thousand, 30);
    }
    try (Sockets many = Sockets.openUpTo(SOCKETS)) {
      long rss = payara.residentMiB();
      int before = CLOSED.get();
      Thread.sleep(HOLD_SECONDS * 1000L);
      int lost = CLOSED.get() - before;
      fanOut(many, 10);
      line("");
      line(
          "Idle authenticated, subscribed sockets held: "
              + many.size()
              + " (asked for "
              + SOCKETS
              + (many.failure == null ? "" : "; stopped by: " + many.failure)
              + "); closed while held "
              + HOLD_SECONDS
              + " s through pings every 10 s: "
              + lost
              + "; server resident memory "
              + rss
              + " MiB after opening, "
              + payara.residentMiB()
              + " MiB after the hold.");
      assertEquals(0, lost, "idle sockets that answer pings stay open");
    }
  }

  static int nextWrite = 0;

  static void fanOut(Sockets sockets, int writes) throws Exception {
    long[] p50 = new long[writes];
    long[] p99 = new long[writes];
    long[] last = new long[writes];
    long[] answered = new long[writes];
    int incomplete = 0;
    for (int w = 0; w < writes; w++) {
      int k = nextWrite++;
      Probe probe = new Probe(sockets.size());
      PROBES.put(k, probe);
      Api.Reply reply = writer.post("/api/collections/bench/records", "{\"k\":" + k + "}");
      answered[w] = System.nanoTime() - probe.sent;
      assertEquals(201, reply.status(), reply::body);
      if (!probe.all.await(60, TimeUnit.SECONDS)) {
        incomplete++;
      }
      long[] sorted = Arrays.copyOf(probe.latencies, Math.min(probe.received.get(), probe.latencies.length));
      Arrays.sort(sorted);
      p50[w] = sorted[sorted.length / 2];
      p99[w] = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
      last[w] = sorted[sorted.length - 1];
      PROBES.remove(k);
      Thread.sleep(200);
    }
    Arrays.sort(p50);
    Arrays.sort(p99);
    Arrays.sort(last);
    Arrays.sort(answered);
    line(
        "| "
            + sockets.size()
            + " | "
            + writes
            + (incomplete == 0 ? "" : " (" + incomplete + " incomplete)")
            + " | "
            + ms(answered[writes / 2])
            + " | "
            + ms(p50[writes / 2])
            + " | "
            + ms(p99[writes / 2])
            + " | "
            + ms(last[writes / 2])
            + " | "
            + ms(last[writes - 1])
            + " |");
  }

  static String ms(long nanos) {
    return String.format("%.1f", nanos / 1e6);
  }

  static void line(String text) {
    REPORT.append(text).append('\n');
    System.out.println(text);
  }

  /** Subscribed sockets, spread over HTTP clients of {@value #SOCKETS_PER_CLIENT} each. */
  static final class Sockets implements AutoCloseable {

    final List<WebSocket> open = new ArrayList<>();
    String failure;

    int size() {
      return open.size();
    }

    static Sockets open(int count) throws Exception {
      Sockets sockets = openUpTo(count);
      assertEquals(count, sockets.size(), () -> "could not open " + count + ": " + sockets.failure);
      return sockets;
    }

    /** Opens in batches of 1,000 until {@code count} or the first batch with a failure. */
    static Sockets openUpTo(int count) throws Exception {
      Sockets sockets = new Sockets();
      Semaphore inFlight = new Semaphore(200);
      HttpClient client = null;
      while (sockets.size() < count && sockets.failure == null) {
        int batch = Math.min(1_000, count - sockets.size());
        List<Subscriber> subscribers = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          if ((sockets.size() + i) % SOCKETS_PER_CLIENT == 0) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
          }
          Subscriber subscriber = new Subscriber();
          subscribers.add(subscriber);
          inFlight.acquire();
          pending.add(
              client
                  .newWebSocketBuilder()
                  .header("Authorization", "Bearer " + token)
                  .buildAsync(ws, subscriber)
                  .thenApply(
                      socket -> {
                        socket.sendText("{\"type\":\"subscribe\",\"collection\":\"bench\"}", true);
                        return socket;
                      })
                  .whenComplete((s, e) -> inFlight.release()));
        }
        for (int i = 0; i < batch; i++) {
          try {
            WebSocket socket = pending.get(i).get(60, TimeUnit.SECONDS);
            if (subscribers.get(i).subscribed.await(60, TimeUnit.SECONDS)) {
              sockets.open.add(socket);
            } else {
              sockets.failure = "no ack to subscribe within 60 s";
              socket.abort();
            }
          } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            sockets.failure = cause.getClass().getSimpleName() + ": " + cause.getMessage();
          }
        }
        System.out.println("open: " + sockets.size() + ", server " + payara.residentMiB() + " MiB");
      }
      return sockets;
    }

    @Override
    public void close() throws InterruptedException {
      for (WebSocket socket : open) {
        socket.abort();
      }
      // let the server notice before the next phase
      Thread.sleep(2_000);
    }
  }
}
