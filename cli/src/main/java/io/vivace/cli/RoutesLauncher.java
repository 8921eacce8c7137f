package io.vivace.cli;

import io.vivace.App;
import io.vivace.config.Config;
import io.vivace.config.VivaceOptions;
import io.vivace.extract.Extractor;
import io.vivace.route.PathPatterns;
import io.vivace.route.RouteDef;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code main} {@code vivace routes} runs in a JVM on the project's class path: it builds the app
 * with its main class's {@code create(...)} (the generated projects' factory for tests; each options
 * argument at its defaults, the token verifier's with a throwaway secret; the app never validates
 * or starts, so no database or setting is needed), and prints
 * {@link App#servedRoutes()}, one {@code METHOD<TAB>path<TAB>how} line each, {@code how} being
 * {@code static} or {@code router} by the server's rule: an exact path no earlier pattern could
 * match, not blocking, and every extractor and guard {@link Extractor#requestOnly() request-only}.
 * The dev process copies this class next to the app's classes.
 */
public final class RoutesLauncher {
  private RoutesLauncher() {
  }

  public static void main(String[] args) throws Exception {
    Class<?> main = Class.forName(args[0]);
    Method create = null;
    for (Method m : main.getDeclaredMethods()) {
      if (m.getName().equals("create") && Modifier.isStatic(m.getModifiers()) && App.class.isAssignableFrom(m.getReturnType())) {
        create = m;
      }
    }
    if (create == null) {
      System.err.println(args[0] + " has no static create(...) returning its App (vivace new writes one)");
      System.exit(3);
    }
    Object[] values = new Object[create.getParameterCount()];
    Class<?>[] types = create.getParameterTypes();
    for (int i = 0; i < values.length; i++) {
      values[i] = types[i] == VivaceOptions.class ? new VivaceOptions() : types[i] == Config.class ? Config.system()
          : options(types[i]);
    }
    create.setAccessible(true);
    App app;
    try {
      app = (App) create.invoke(null, values);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      System.err.println(args[0] + ".create(...) failed: " + cause);
      System.exit(3);
      return;
    }
    List<RouteDef> routes = app.servedRoutes();
    List<String> methods = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (RouteDef d : routes) {
      methods.add(d.method().name());
      paths.add(d.path());
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < routes.size(); i++) {
      RouteDef d = routes.get(i);
      int by = PathPatterns.isExact(d.path()) ? PathPatterns.shadowedBy(methods, paths, i) : -1;
      String how = !PathPatterns.isExact(d.path()) ? "router"
          : by >= 0 ? "router (after " + methods.get(by) + " " + paths.get(by) + ")"
          : d.isBlocking() || !requestOnly(d.endpoint().extractors()) || !requestOnly(d.guards()) ? "router" : "static";
      out.append(d.method().name()).append('\t').append(d.path()).append('\t').append(how).append('\n');
    }
    System.out.print(out);
    System.out.flush();
    System.exit(0); // threads a module may have made (caches) must not keep this JVM up
  }

  /**
   * Options a module needs to declare its routes: its defaults (a public no-argument constructor), the
   * token verifier's with a throwaway secret (nothing is signed or verified here), else null.
   */
  private static Object options(Class<?> type) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> none;
    try {
      none = type.getConstructor();
    } catch (NoSuchMethodException e) {
      return null;
    }
    Object o = none.newInstance();
    if (type.getName().equals("io.vivace.auth.AuthOptions")) {
      byte[] random = new byte[32];
      new java.security.SecureRandom().nextBytes(random);
      o = type.getMethod("secret", String.class).invoke(o, java.util.HexFormat.of().formatHex(random));
    }
    return o;
  }

  private static boolean requestOnly(List<? extends Extractor<?>> extractors) {
    for (Extractor<?> e : extractors) {
      if (e.requestOnly() == null) {
        return false;
      }
    }
    return true;
  }
}
