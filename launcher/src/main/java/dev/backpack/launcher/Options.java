package dev.backpack.launcher;

import dev.backpack.deployment.BackpackName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./backpack}.
 *
 * @param port HTTP port (default 8080; 0 is not allowed: the URL must be known)
 * @param bind address of the HTTP listener (default 127.0.0.1)
 * @param dataDir data directory (default {@code ./data})
 * @param backpacks backpacks to create (if new) and deploy, besides the registered ones
 * @param coreWar the core WAR to use instead of the built one, or null
 * @param help whether {@code --help} was given
 */
public record Options(int port, String bind, Path dataDir, List<BackpackName> backpacks, Path coreWar, boolean help) {

  /** Shown for {@code --help} and after a usage error. */
  public static final String USAGE =
      """
      usage: backpack [--port N] [--bind ADDRESS] [--data-dir DIR] [--backpack NAME]... [--core-war FILE]

      Runs the Backpack platform: the admin platform at http://ADDRESS:PORT/admin/ (the first
      account to sign up there is its owner) and every backpack at http://ADDRESS:PORT/NAME/.

        --port N          HTTP port (default 8080)
        --bind ADDRESS    address the HTTP listener binds (default 127.0.0.1; 0.0.0.0 for all)
        --data-dir DIR    where everything is kept (default ./data)
        --backpack NAME   create this backpack if it does not exist (owned by the platform);
                          repeatable. Every backpack created before is deployed again without it.
        --core-war FILE   core WAR to deploy (default: the one built next to the launcher)

      External servers (the embedded one is not started when set):
        BACKPACK_POSTGRES_URL (+ BACKPACK_POSTGRES_USER, BACKPACK_POSTGRES_PASSWORD),
        BACKPACK_REDIS_URI
      Backpacks keep their data in PostgreSQL, each in a schema and role of its own;
        BACKPACK_MONGODB_URI (a MongoDB you run) keeps it there instead

      Driver: BACKPACK_DRIVER=inprocess (default: every backpack in this process) or swarm
        (every backpack as Docker Swarm services; settings BACKPACK_SWARM_*, see the README)
      """;

  /** A command line that cannot be run; {@code Main} prints the message and exits with 2. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments; {@code --name value} and {@code --name=value} are both accepted.
   *
   * @param args command line
   * @return the options
   * @throws UsageException on an unknown option, a missing or malformed value, or an invalid name
   */
  public static Options parse(String... args) throws UsageException {
    int port = 8080;
    String bind = "127.0.0.1";
    Path dataDir = Path.of("data");
    Set<BackpackName> backpacks = new LinkedHashSet<>();
    Path coreWar = null;
    boolean help = false;
    List<String> queue = new ArrayList<>(List.of(args));
    while (!queue.isEmpty()) {
      String arg = queue.remove(0);
      String inline = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        inline = arg.substring(arg.indexOf('=') + 1);
        arg = arg.substring(0, arg.indexOf('='));
      }
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--port" -> port = port(value(arg, inline, queue));
        case "--bind" -> bind = value(arg, inline, queue);
        case "--data-dir" -> dataDir = Path.of(value(arg, inline, queue));
        case "--core-war" -> coreWar = Path.of(value(arg, inline, queue));
        case "--backpack" -> {
          String name = value(arg, inline, queue);
          try {
            backpacks.add(new BackpackName(name));
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
        }
        default -> throw new UsageException("unknown option '" + arg + "'");
      }
    }
    return new Options(port, bind, dataDir, List.copyOf(backpacks), coreWar, help);
  }

  private static String value(String option, String inline, List<String> queue) throws UsageException {
    if (inline != null) {
      return inline;
    }
    if (queue.isEmpty() || queue.get(0).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return queue.remove(0);
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("--port must be a number from 1 to 65535, not '" + value + "'");
    }
  }
}
