package dev.backpack.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The MongoDB stand-in of the container image {@code backpack/mongo-standin}: a MongoDB
 * wire-protocol server ({@code de.bwaldvogel:mongo-java-server}, H2 file backend) listening on all
 * interfaces, for Swarm tests on machines where {@code mongo:7} cannot be pulled. Not a MongoDB:
 * no authentication, no transactions, no replica set (see {@link EmbeddedMongo} for the same server
 * bound to 127.0.0.1 in process).
 *
 * <p>Arguments follow {@code mongod}'s where they mean the same: {@code --port N} (27017), {@code
 * --bind_ip ADDRESS} or {@code --bind_ip_all} (the default: 0.0.0.0), {@code --dbpath DIR}
 * ({@code /data/db}), {@code --oplog} (an oplog for change streams; off by default).
 *
 * <p>SIGTERM (and SIGINT) stop listening, then commit and close the H2 store file ({@value
 * EmbeddedMongo#STORE_FILE} in the data directory), so a restarted container finds its data; the
 * process then exits with 0.
 */
public final class MongoStandIn {

  private MongoStandIn() {}

  /**
   * Starts the server and returns when the JVM is asked to stop.
   *
   * @param args see the class comment
   * @throws IOException if the data directory cannot be created
   * @throws InterruptedException never in practice (the main thread waits for the shutdown hook)
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    String host = "0.0.0.0";
    int port = 27017;
    Path dir = Path.of("/data/db");
    boolean oplog = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--bind_ip" -> host = value(args, ++i);
        case "--bind_ip_all" -> host = "0.0.0.0";
        case "--dbpath" -> dir = Path.of(value(args, ++i));
        case "--oplog" -> oplog = true;
        default -> {
          System.err.println("mongo-standin: unknown argument " + args[i]
              + " (known: --port N, --bind_ip ADDRESS, --bind_ip_all, --dbpath DIR, --oplog)");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(dir);
    Path file = dir.toAbsolutePath().resolve(EmbeddedMongo.STORE_FILE);
    MongoBackend backend = new H2Backend(file.toString());
    MongoServer server = new MongoServer(backend);
    if (oplog) {
      server.enableOplog();
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("mongo-standin: stopping");
                  try {
                    // stop accepting and serving first, then write the last changes to the file
                    server.shutdown();
                    backend.close();
                    System.out.println("mongo-standin: store closed, bye");
                  } finally {
                    closed.countDown();
                  }
                  // a stop asked for and done cleanly is a success (as for mongod), not 143
                  Runtime.getRuntime().halt(0);
                },
                "mongo-standin-shutdown"));
    server.bind(host, port);
    System.out.println(
        "mongo-standin: MongoDB wire protocol (mongo-java-server, not a MongoDB) on "
            + host + ":" + port + ", data in " + file + (oplog ? ", oplog on" : ""));
    closed.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      System.err.println("mongo-standin: " + args[i - 1] + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
