package dev.backpack.admin.drivers.inprocess;

import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deploys and undeploys web applications in the server admin-war runs in, through the GlassFish
 * deployment API ({@code org.glassfish.embeddable.Deployer} from {@code
 * Globals.getDefaultHabitat()}), which Payara Micro, Payara Server and GlassFish all have; Payara
 * Micro's own {@code PayaraMicroRuntime} is the fallback. Reached by reflection: both are server
 * internals, not on admin-war's compile path, and admin-war must still deploy (and answer 503 on
 * creates) where neither exists.
 */
final class GlassFishDeployer {

  private final Object target;
  private final Method deploy;
  private final Method undeploy;
  private final Method deployed;
  private final boolean micro;

  private GlassFishDeployer(Object target, Method deploy, Method undeploy, Method deployed, boolean micro) {
    this.target = target;
    this.deploy = deploy;
    this.undeploy = undeploy;
    this.deployed = deployed;
    this.micro = micro;
  }

  /**
   * The server's deployer.
   *
   * @throws IllegalStateException when this server offers neither API
   */
  static GlassFishDeployer find() {
    List<ClassLoader> loaders = List.of(Thread.currentThread().getContextClassLoader(), GlassFishDeployer.class.getClassLoader());
    Exception last = null;
    for (ClassLoader loader : loaders) {
      try {
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
        Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
        ClassLoader server = globals.getClassLoader();
        Class<?> locatorType = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, server);
        Class<?> deployerType = Class.forName("org.glassfish.embeddable.Deployer", true, server);
        Object deployer = locatorType.getMethod("getService", Class.class, Annotation[].class).invoke(locator, deployerType, new Annotation[0]);
        if (deployer != null) {
          return new GlassFishDeployer(
              deployer,
              deployerType.getMethod("deploy", URI.class, String[].class),
              deployerType.getMethod("undeploy", String.class, String[].class),
              deployerType.getMethod("getDeployedApplications"),
              false);
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        last = e instanceof Exception ex ? ex : new IllegalStateException(e);
      }
    }
    for (ClassLoader loader : loaders) {
      try {
        Class<?> payara = Class.forName("fish.payara.micro.PayaraMicro", true, loader);
        Object instance = payara.getMethod("getInstance").invoke(null);
        Object runtime = payara.getMethod("getRuntime").invoke(instance);
        Class<?> runtimeType = Class.forName("fish.payara.micro.PayaraMicroRuntime", true, payara.getClassLoader());
        return new GlassFishDeployer(
            runtime,
            runtimeType.getMethod("deploy", String.class, String.class, File.class),
            runtimeType.getMethod("undeploy", String.class),
            runtimeType.getMethod("getDeployedApplicationNames"),
            true);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        last = e instanceof Exception ex ? ex : new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("this server offers no deployment API (GlassFish Deployer, Payara Micro runtime): " + last);
  }

  /**
   * Deploys an exploded directory in place.
   *
   * @return whether the server reports success (the reason of a failure is in the server log)
   */
  boolean deploy(String name, String contextRoot, File dir) {
    Object result = call(() -> micro ? deploy.invoke(target, name, contextRoot, dir) : deploy.invoke(target, dir.toURI(), new String[] {"--name", name, "--contextroot", contextRoot}));
    return micro ? Boolean.TRUE.equals(result) : result != null;
  }

  void undeploy(String name) {
    call(() -> micro ? undeploy.invoke(target, name) : undeploy.invoke(target, name, new String[0]));
  }

  Set<String> deployed() {
    Object names = call(() -> deployed.invoke(target));
    Set<String> result = new TreeSet<>();
    if (names instanceof Collection<?> collection) {
      collection.forEach(n -> result.add(String.valueOf(n)));
    }
    return result;
  }

  String kind() {
    return micro ? "Payara Micro runtime" : "GlassFish Deployer";
  }

  private interface Call {
    Object run() throws ReflectiveOperationException;
  }

  // the server's own class loader as context loader: what it expects of the threads it deploys on
  private Object call(Call call) {
    Thread thread = Thread.currentThread();
    ClassLoader caller = thread.getContextClassLoader();
    thread.setContextClassLoader(target.getClass().getClassLoader());
    try {
      return call.run();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    } finally {
      thread.setContextClassLoader(caller);
    }
  }
}
