package io.vivace.loadtests.gatling.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadtests/run}: the command line of the load-test runner (picocli). It turns the options
 * into {@link RunSettings} and hands them to {@link Runner}. Exit status: 0 when every request
 * succeeded (and, with {@code --strict}, every target was met), 1 on a failed request or a run
 * that could not be made, 2 on a usage error, 3 below target with {@code --strict}.
 */
@Command(name = "loadtests/run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the Gatling scenarios against a Vivace app and the raw Vert.x baseline, alternating, "
        + "and writes loadtests/results/<timestamp>/summary.md with Gatling's reports and a chart.",
    footer = {"", "Environment: DATABASE_URL (a PostgreSQL server where databases may be created; else an embedded "
        + "one), REDIS_URL (passed to the apps), JWT_SECRET (else a random one for this run)."})
public final class LoadTest implements Callable<Integer> {
  /** Production flags of the servers under test (the same as loadtests/compare-wrk's). */
  static final String DEFAULT_JVM_FLAGS = "-server -Xms1g -Xmx1g -XX:+UseParallelGC";

  @Option(names = {"-s", "--scenarios"}, split = ",", paramLabel = "LIST",
      description = "Comma-separated scenarios, or all (default): plaintext, json, json-post, auth-json, db, queries, "
          + "fortunes, updates, cached-queries, blog-page, blog-eager.")
  List<String> scenarios = List.of("all");

  @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
  int duration = 30;

  @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS", description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
  int warmup = 10;

  @Option(names = {"-c", "--concurrency"}, paramLabel = "N",
      description = "Closed model: virtual users, one keep-alive connection each (default: ${DEFAULT-VALUE}).")
  int concurrency = 64;

  @Option(names = "--rate", paramLabel = "REQ_PER_S", description = "Open model instead: new users (one request each) per second.")
  double rate;

  @Option(names = {"-r", "--rounds"}, paramLabel = "N", description = "Runs per scenario and server (default: ${DEFAULT-VALUE}).")
  int rounds = 1;

  @Option(names = "--queries", paramLabel = "N", description = "N of queries, updates, cached-queries (default: ${DEFAULT-VALUE}).")
  int queries = 20;

  @Option(names = "--app-jar", paramLabel = "JAR", description = "The Vivace app under test (default: ${DEFAULT-VALUE}).")
  Path appJar = Path.of("examples/techempower/target/techempower.jar");

  @Option(names = "--blog-jar", paramLabel = "JAR", description = "The app of the blog scenarios (default: ${DEFAULT-VALUE}).")
  Path blogJar = Path.of("examples/blog/target/blog.jar");

  @Option(names = "--baseline-jar", paramLabel = "JAR", description = "The raw Vert.x baseline (default: ${DEFAULT-VALUE}).")
  Path baselineJar = Path.of("loadtests/baseline/target/baseline.jar");

  @Option(names = "--no-baseline", description = "Measure the Vivace apps only.")
  boolean noBaseline;

  @Option(names = "--event-loops", paramLabel = "N", description = "Event loops of each server (default: the number of cores).")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  @Option(names = "--pool-size", paramLabel = "N", description = "Database connections of the Vivace app (default: ${DEFAULT-VALUE}, Vivace's default; the baseline has one per event loop).")
  int poolSize = 8;

  @Option(names = "--jvm-flags", paramLabel = "FLAGS", description = "JVM flags of the servers (default: ${DEFAULT-VALUE}).")
  String jvmFlags = DEFAULT_JVM_FLAGS;

  @Option(names = "--arch", paramLabel = "ARCH", description = "Targets row: x86_64 or aarch64 (default: this machine's).")
  String arch;

  @Option(names = "--targets", paramLabel = "FILE", description = "Published targets (default: ${DEFAULT-VALUE}).")
  Path targets = Path.of("loadtests/targets.json");

  @Option(names = "--no-wrk", description = "Do not measure with wrk even when it is installed.")
  boolean noWrk;

  @Option(names = "--jfr", description = "Record each server with JFR during each run: bytes allocated per request "
      + "and the top allocation sites (in the summary and alloc/).")
  boolean jfr;

  @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: loadtests/results/<timestamp>).")
  Path out;

  @Option(names = "--strict", description = "Fail (exit 3) when a scenario is below its published target.")
  boolean strict;

  @Option(names = "--target", paramLabel = "URL",
      description = "Load an app already running at URL (for example on another machine): starts no server, no database "
          + "and no baseline here; the scenarios it lacks (404) are skipped.")
  String target;

  @Option(names = "--generator-warmup", paramLabel = "SECONDS",
      description = "One unrecorded run of the first scenario before any measured one, so the generator's JIT is warm "
          + "(default: ${DEFAULT-VALUE}; 0 for none; none with --smoke).")
  int generatorWarmup = 15;

  @Option(names = "--wrk-published", negatable = true,
      description = "With wrk: also measure each scenario with the published command line, wrk -t12 -c400 -d30s "
          + "(default: on with --target, else off).")
  Boolean wrkPublished;

  @Option(names = "--merge", split = ",", paramLabel = "DIR",
      description = "Reports only: merge the Gatling simulation logs of several injectors' results folders (each from "
          + "loadtests/run --target ... --out DIR, run at the same time) into one report per run, in --out; runs no load.")
  List<Path> merge;

  @Option(names = "--smoke", description = "Every scenario for a few seconds at low load (2 users for 2 s, no warm-up), no wrk.")
  boolean smoke;

  @Override
  public Integer call() throws Exception {
    if (merge != null) {
      check(!merge.isEmpty(), "--merge needs at least one results folder");
      return Merge.run(merge, out != null ? out : Path.of("loadtests", "results", "merged-" + System.currentTimeMillis()));
    }
    List<Scenario> chosen = resolve(scenarios);
    if (target != null) {
      target = baseUrl(target);
      noBaseline = true;
    }
    if (smoke) {
      generatorWarmup = 0;
      duration = 2;
      warmup = 0;
      concurrency = 2;
      rate = 0;
      rounds = 1;
      noWrk = true;
    }
    check(duration >= 1, "--duration must be at least 1, got " + duration);
    check(warmup >= 0, "--warmup must not be negative, got " + warmup);
    check(concurrency >= 1, "--concurrency must be at least 1, got " + concurrency);
    check(rate >= 0, "--rate must not be negative, got " + rate);
    check(rounds >= 1, "--rounds must be at least 1, got " + rounds);
    check(queries >= 1 && queries <= 500, "--queries must be in 1..500, got " + queries);
    check(eventLoops >= 1, "--event-loops must be at least 1, got " + eventLoops);
    check(poolSize >= 1, "--pool-size must be at least 1, got " + poolSize);
    check(generatorWarmup >= 0, "--generator-warmup must not be negative, got " + generatorWarmup);
    List<String> flags = List.of(jvmFlags.trim().split("\\s+"));
    RunSettings settings = new RunSettings(chosen, duration, warmup, concurrency, rate, rounds, queries, eventLoops,
        poolSize, flags, smoke, strict, jfr, command(), target, generatorWarmup,
        wrkPublished != null ? wrkPublished : target != null);
    Targets t = Targets.load(targets, arch);
    return new Runner(settings, t, appJar, blogJar, noBaseline ? null : baselineJar, !noWrk, out).run();
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** {@code --target}'s URL without a trailing slash; an http(s) URL with a host and no path, query or fragment. */
  static String baseUrl(String url) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target must be an http:// or https:// URL, got " + url);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || !(path.isEmpty() || path.equals("/")) || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("--target must be an http:// or https:// URL of a host (no path), got " + url);
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  static List<Scenario> resolve(List<String> names) {
    LinkedHashSet<Scenario> set = new LinkedHashSet<>();
    for (String n : names) {
      if (n.isBlank()) {
        continue;
      }
      if (n.trim().toLowerCase(Locale.ROOT).equals("all")) {
        set.addAll(List.of(Scenario.values()));
      } else {
        set.add(Scenario.of(n));
      }
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException("no scenario chosen (--scenarios)");
    }
    return new ArrayList<>(set);
  }

  private String command() {
    String args = System.getProperty("loadtests.args", "");
    return ("loadtests/run " + args).trim();
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command and returns its exit status (see the class comment). */
  static int execute(String... args) {
    CommandLine cmd = new CommandLine(new LoadTest());
    cmd.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        line.getErr().println("loadtests/run: " + e.getMessage());
        return 2;
      }
      line.getErr().println("loadtests/run: " + e);
      e.printStackTrace(line.getErr());
      return 1;
    });
    return cmd.execute(args);
  }
}
