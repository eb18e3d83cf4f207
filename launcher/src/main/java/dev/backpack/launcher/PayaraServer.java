package dev.backpack.launcher;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.AdminCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Payara Micro in this JVM, through its embedded API ({@link PayaraMicro#getInstance()} ...
 * {@code bootStrap()}). Payara Micro is a singleton per JVM: one platform per process.
 */
final class PayaraServer {

  private static final String LISTENER =
      "configs.config.server-config.network-config.network-listeners.network-listener.http-listener";

  private final PayaraMicroRuntime runtime;

  private PayaraServer(PayaraMicroRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Boots Payara Micro with no Hazelcast and no phone home, its root directory wiped first, its
   * log in {@code logDir/server0.log} (only SEVERE records reach the console).
   *
   * @throws BootstrapException if Payara does not boot
   */
  static PayaraServer boot(int port, String bind, Path rootDir, Path logDir) throws BootstrapException {
    Path logging;
    try {
      delete(rootDir);
      Files.createDirectories(rootDir);
      logging = writeLoggingProperties(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + rootDir, e);
    }
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    try {
      PayaraMicro micro = PayaraMicro.getInstance();
      micro.setHttpPort(port)
          .setRootDir(rootDir.toFile())
          .setPrintLogo(false)
          .setLogPropertiesFile(logging.toFile())
          .setInstanceName("backpack");
      // --nohazelcast: no data grid at all (not only no clustering: setNoCluster would win over it
      // in PayaraMicroImpl#configureHazelcast and keep Hazelcast running)
      micro.setNoHazelcast(true);
      // --disablephonehome has no setter in the embedded API; this is the command it runs
      micro.setPreBootHandler(
          commands -> {
            run(commands, "set", "configs.config.server-config.phone-home-runtime-configuration.enabled=false");
            run(commands, "set", LISTENER + ".address=" + bind);
          });
      return new PayaraServer(micro.bootStrap());
    } finally {
      // bootStrap() leaves Payara's class loader as the context loader of the calling thread
      Thread.currentThread().setContextClassLoader(caller);
    }
  }

  /**
   * Deploys an exploded directory (in place: GlassFish does not copy a directory deployment).
   *
   * @return whether Payara reports success (failures are in the server log)
   */
  boolean deploy(String name, String contextRoot, Path appDir) {
    return runtime.deploy(name, contextRoot, appDir.toFile());
  }

  void undeploy(String name) {
    runtime.undeploy(name);
  }

  Collection<String> deployed() {
    Collection<String> names = runtime.getDeployedApplicationNames();
    return names == null ? List.of() : names;
  }

  /** Stops and disposes of the server. */
  void shutdown() throws BootstrapException {
    PayaraMicro micro = PayaraMicro.getInstance(false);
    if (micro != null) {
      try {
        micro.shutdown();
      } catch (IllegalStateException alreadyStopped) {
        // nothing left to stop
      }
    }
  }

  private static void run(AdminCommandRunner commands, String command, String... args) {
    ClusterCommandResult result = commands.run(command, args);
    if (result.getExitStatus() == ClusterCommandResult.ExitStatus.FAILURE) {
      throw new IllegalStateException(command + " " + String.join(" ", args) + " failed: " + result.getOutput(), result.getFailureCause());
    }
  }

  private static Path writeLoggingProperties(Path logDir) throws IOException {
    Files.createDirectories(logDir);
    String pattern = logDir.toAbsolutePath().resolve("server%g.log").toString().replace("\\", "\\\\");
    String text =
        String.join(
            "\n",
            "handlers=java.util.logging.FileHandler, java.util.logging.ConsoleHandler",
            ".level=INFO",
            "java.util.logging.ConsoleHandler.level=SEVERE",
            "java.util.logging.ConsoleHandler.formatter=java.util.logging.SimpleFormatter",
            "java.util.logging.FileHandler.pattern=" + pattern,
            "java.util.logging.FileHandler.limit=10000000",
            "java.util.logging.FileHandler.count=5",
            "java.util.logging.FileHandler.append=true",
            "java.util.logging.FileHandler.level=INFO",
            "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
            "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n",
            // the stand-in warns at every start about each index kind it does not implement
            "de.bwaldvogel.level=SEVERE",
            "");
    Path file = logDir.resolve("logging.properties");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
