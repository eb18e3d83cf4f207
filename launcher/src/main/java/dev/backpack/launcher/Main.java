package dev.backpack.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * {@code ./backpack}: starts the platform, prints one {@code ready} line, runs until SIGINT or
 * SIGTERM, then stops everything in order and exits 0.
 *
 * <p>Exit codes: 0 after a clean stop (or {@code --help}), 1 when the platform cannot start or
 * stop cleanly, 2 for a command line that cannot be run.
 */
public final class Main {

  /** Env var naming the core WAR when {@code --core-war} is not given. */
  static final String CORE_WAR_ENV = "BACKPACK_CORE_WAR";

  /** Env var naming the admin WAR (default: {@code admin-war.war} beside the core WAR's default). */
  static final String ADMIN_WAR_ENV = "BACKPACK_ADMIN_WAR";

  private static final AtomicReference<Platform> RUNNING = new AtomicReference<>();

  private Main() {}

  /**
   * Entry point.
   *
   * @param args see {@link Options#USAGE}
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      err.println("backpack: " + e.getMessage());
      err.println("run 'backpack --help' for usage");
      System.exit(2);
      return;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      System.exit(0);
      return;
    }
    Map<String, String> env = System.getenv();
    Path war = coreWar(options, env);
    Path adminWar = adminWar(env);

    // Our own handlers rather than a shutdown hook alone: a hook cannot choose the exit status (a
    // JVM ended by SIGTERM exits 143), and Payara, redis and zonky register hooks of their own
    // that would all run at once; here Payara stops first, then the servers, in that order.
    Signal.handle(new Signal("TERM"), signal -> stopAndExit(err));
    Signal.handle(new Signal("INT"), signal -> stopAndExit(err));
    Runtime.getRuntime().addShutdownHook(new Thread(Main::closeQuietly, "backpack-shutdown"));

    Platform platform;
    try {
      platform =
          Platform.start(
              new Platform.Config(options.port(), options.bind(), options.dataDir(), war, adminWar, env),
              options.backpacks(),
              line -> out.println(line));
    } catch (RuntimeException e) {
      err.println("backpack: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    RUNNING.set(platform);
    String names = platform.backpacks().isEmpty() ? "none" : String.join(", ", platform.backpacks());
    out.println("Backpack ready at " + platform.baseUrl() + " (backpacks: " + names + ")");
    out.flush();
  }

  private static void stopAndExit(PrintStream err) {
    int status = 0;
    Platform platform = RUNNING.getAndSet(null);
    if (platform != null) {
      try {
        platform.close();
        System.out.println("Backpack stopped");
      } catch (RuntimeException e) {
        err.println("backpack: " + e.getMessage());
        for (Throwable cause : e.getSuppressed()) {
          err.println("  " + cause);
        }
        status = 1;
      }
    }
    System.exit(status);
  }

  private static void closeQuietly() {
    Platform platform = RUNNING.getAndSet(null);
    if (platform != null) {
      try {
        platform.close();
      } catch (RuntimeException e) {
        System.err.println("backpack: " + e.getMessage());
      }
    }
  }

  /**
   * {@code --core-war}, else {@value #CORE_WAR_ENV}, else {@code core-war.war} next to the
   * launcher's code ({@code launcher/target/} for both {@code target/classes} and {@code
   * target/launcher.jar}).
   */
  static Path coreWar(Options options, Map<String, String> env) {
    if (options.coreWar() != null) {
      return options.coreWar().toAbsolutePath();
    }
    String fromEnv = env.get(CORE_WAR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return besideLauncher("core-war.war");
  }

  /** {@value #ADMIN_WAR_ENV}, else {@code admin-war.war} next to the launcher's code. */
  static Path adminWar(Map<String, String> env) {
    String fromEnv = env.get(ADMIN_WAR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return besideLauncher("admin-war.war");
  }

  private static Path besideLauncher(String file) {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/classes/ or target/launcher.jar: either way the WARs are copied to target/
      return code.getParent().resolve(file);
    } catch (URISyntaxException | SecurityException e) {
      return Path.of(file).toAbsolutePath();
    }
  }
}
