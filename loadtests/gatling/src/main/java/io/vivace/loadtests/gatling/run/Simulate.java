package io.vivace.loadtests.gatling.run;

import io.gatling.app.Gatling$;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The harness's launcher for one simulation of any project against a running server: the entry
 * point of a generated project's {@code mvn -Pload} profile. It runs Gatling's own launcher
 * ({@code io.gatling.app.Gatling}) in this JVM, offline (Gatling's release check is recorded as
 * done, see {@link GatlingRun#skipReleaseCheck()}), with the report under the given folder.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -DbaseUrl=http://127.0.0.1:8080 -Dduration=30 \
 *     -cp ... io.vivace.loadtests.gatling.run.Simulate com.example.shop.ShopSimulation target/gatling
 * </pre>
 *
 * The simulation reads its load shape from system properties ({@code baseUrl}, {@code concurrency},
 * {@code rate}, {@code duration}, {@code warmup}: {@link io.vivace.loadtests.gatling.sim.LoadSettings}),
 * as every harness simulation does when it extends
 * {@link io.vivace.loadtests.gatling.sim.VivaceSimulation}. Exit status: {@value #EXIT_OK} every
 * request succeeded, {@value #EXIT_FAILED} a request failed or the run could not be made,
 * {@value #EXIT_USAGE} bad arguments (the message names the bad value). Not thread-safe: one run
 * per JVM at a time (the settings are system properties).
 */
public final class Simulate {
  /** Every request succeeded: {@value}. */
  public static final int EXIT_OK = 0;
  /** A request failed (Gatling's assertion) or Gatling could not run: {@value}. */
  public static final int EXIT_FAILED = 1;
  /** Bad arguments: {@value}. */
  public static final int EXIT_USAGE = 2;

  private Simulate() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /**
   * Runs {@code args} ({@code <simulation class> <results folder>}) and returns the exit status;
   * problems are one line on {@code err}.
   */
  public static int run(String[] args, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: Simulate <simulation class> <results folder> (got " + args.length + " arguments)");
      return EXIT_USAGE;
    }
    String name = args[0];
    Class<?> type;
    try {
      type = Class.forName(name, false, Simulate.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      err.println("Simulate: no class '" + name + "' on the class path (compile src/gatling/java first)");
      return EXIT_USAGE;
    }
    if (!Simulation.class.isAssignableFrom(type)) {
      err.println("Simulate: '" + name + "' is not a Gatling simulation (it does not extend " + Simulation.class.getName() + ")");
      return EXIT_USAGE;
    }
    Path results = Path.of(args[1]).toAbsolutePath();
    try {
      Files.createDirectories(results);
    } catch (IOException e) {
      err.println("Simulate: cannot create the results folder " + results + ": " + e.getMessage());
      return EXIT_FAILED;
    }
    GatlingRun.skipReleaseCheck();
    int status = Gatling$.MODULE$.fromArgs(new String[] {"-s", name, "-rf", results.toString(), "-l", "vivace-simulate"});
    if (status != 0) {
      err.println("Simulate: " + name + " failed (Gatling exit status " + status + "); the report is under " + results);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  }
}
