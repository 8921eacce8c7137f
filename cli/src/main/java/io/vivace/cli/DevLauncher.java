package io.vivace.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;

/**
 * The {@code main} of the app's JVM under {@code vivace dev}: it runs the app's own {@code main}
 * (the first argument) and ends the JVM, through its shutdown hooks, as soon as its standard input
 * reaches end of file, which happens when the dev process dies, even by {@code kill -9}: the app
 * never outlives {@code vivace dev}. The dev process copies this class's bytes next to the app's
 * classes; it uses nothing but the JDK.
 */
public final class DevLauncher {
  private DevLauncher() {
  }

  public static void main(String[] args) throws Exception {
    Thread parent = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // nothing is sent; end of file means the dev process is gone
        }
      } catch (IOException gone) {
        // the same: the pipe broke
      }
      System.exit(0);
    }, "vivace-dev-parent");
    parent.setDaemon(true);
    parent.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
  }
}
