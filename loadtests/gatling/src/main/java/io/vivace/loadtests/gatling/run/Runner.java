package io.vivace.loadtests.gatling.run;

import io.vivace.loadtests.gatling.sim.EchoBody;
import io.vivace.loadtests.gatling.sim.Jwt;
import io.vivace.loadtests.gatling.sim.LoadSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One invocation of {@code loadtests/run}: provisions the databases, starts the servers, runs every
 * scenario against Vivace and the baseline in alternating order, measures with wrk when it is
 * installed, stops everything it started and writes the summary, the chart and Gatling's reports.
 */
final class Runner {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final RunSettings settings;
  private final Targets targets;
  private final Path appJar;
  private final Path blogJar;
  private final Path baselineJar;
  private final boolean wrkWanted;
  private final Path out;
  private final Instant start = Instant.now();
  /** Bytes allocated per request by {@code scenario/server}, one value per round (with {@code --jfr}). */
  private final Map<String, List<Double>> allocations = new LinkedHashMap<>();

  Runner(RunSettings settings, Targets targets, Path appJar, Path blogJar, Path baselineJar, boolean wrkWanted, Path out) {
    this.settings = settings;
    this.targets = targets;
    this.appJar = appJar;
    this.blogJar = blogJar;
    this.baselineJar = baselineJar;
    this.wrkWanted = wrkWanted;
    this.out = out != null ? out : Path.of("loadtests", "results", STAMP.format(start));
  }

  int run() throws Exception {
    Files.createDirectories(out);
    Path logs = Files.createDirectories(out.resolve("logs"));
    boolean techempower = settings.scenarios().stream().anyMatch(s -> s.app() == Scenario.App.TECHEMPOWER);
    boolean blog = settings.scenarios().stream().anyMatch(s -> s.app() == Scenario.App.BLOG);
    String secret = System.getenv("JWT_SECRET");
    if (secret == null || secret.isBlank()) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      secret = HexFormat.of().formatHex(key);
    }
    List<RunResult> results = new ArrayList<>();
    Map<String, Wrk.Result> wrkResults = new LinkedHashMap<>();
    allocations.clear();
    List<String> serverLines = new ArrayList<>();
    String database;
    String wrkStatus;
    log("results in " + out);
    String target = settings.target();
    // A remote target: nothing provisioned or started here (try-with-resources skips a null resource).
    try (Databases dbs = target != null ? null
            : Databases.provision(System.getenv("DATABASE_URL"), Path.of("loadtests", "gatling", "target", "postgres"));
         Servers servers = new Servers()) {
      database = dbs == null ? "the target's own (not provisioned by the runner)"
          : dbs.describe() + ", PostgreSQL " + dbs.version() + ", a fresh database per app for this run";
      log("database: " + database);
      ServerProcess vivace = null;
      ServerProcess baseline = null;
      ServerProcess blogApp = null;
      if (target != null) {
        vivace = ServerProcess.remote("target", target);
        blogApp = vivace;
        servers.remote(vivace);
      } else {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIVACE_EVENT_LOOPS", Integer.toString(settings.eventLoops()));
        env.put("EVENT_LOOPS", Integer.toString(settings.eventLoops()));
        env.put("VIVACE_DB_POOL_SIZE", Integer.toString(settings.poolSize()));
        env.put("JWT_SECRET", secret);
        String redis = System.getenv("REDIS_URL");
        if (redis != null && !redis.isBlank()) {
          env.put("REDIS_URL", redis);
        }
        if (blog) {
          Map<String, String> blogEnv = new LinkedHashMap<>(env);
          blogEnv.put("DATABASE_URL", dbs.create("blog"));
          blogEnv.put("BLOG_SEED", "true");
          if (settings.smoke()) {
            blogEnv.put("BLOG_SEED_USERS", "50");
            blogEnv.put("BLOG_SEED_POSTS", "500");
            blogEnv.put("BLOG_SEED_COMMENTS", "2000");
          }
          blogApp = servers.launch("vivace-blog", blogJar, blogEnv, logs);
        }
        if (techempower) {
          env.put("DATABASE_URL", dbs.create("techempower"));
          // Vivace first: its startup applies the migration that creates and fills the tables the baseline reads.
          vivace = servers.launch("vivace", appJar, env, logs).awaitReady("/plaintext", STARTUP_TIMEOUT);
          if (baselineJar != null) {
            baseline = servers.launch("baseline", baselineJar, env, logs).awaitReady("/plaintext", STARTUP_TIMEOUT);
          }
        }
        if (blogApp != null) {
          blogApp.awaitReady("/posts?page=1&per_page=1", STARTUP_TIMEOUT);
        }
      }
      for (ServerProcess s : servers.all()) {
        serverLines.add(s.name() + ": `" + s.jar() + "`: " + s.startupLine());
      }
      Path wrk = wrkWanted ? Wrk.find() : null;
      wrkStatus = wrk != null ? "" : wrkWanted
          ? "wrk is not installed, so the servers' capacity was not measured apart from Gatling (`apt-get install wrk`, then run again)."
          : "wrk was not run (" + (settings.smoke() ? "`--smoke`" : "`--no-wrk`") + ").";
      List<Scenario> list = settings.scenarios();
      warmUpGenerator(list.get(0), list.get(0).app() == Scenario.App.BLOG ? blogApp : vivace, secret);
      for (int round = 1; round <= settings.rounds(); round++) {
        for (int i = 0; i < list.size(); i++) {
          Scenario s = list.get(i);
          ServerProcess viv = s.app() == Scenario.App.BLOG ? blogApp : vivace;
          boolean vivaceFirst = (round + i) % 2 == 1;
          for (int k = 0; k < 2; k++) {
            boolean isVivace = (k == 0) == vivaceFirst;
            ServerProcess server = isVivace ? viv : s.app() == Scenario.App.BLOG ? null : baseline;
            String name = isVivace ? Summary.VIVACE : Summary.BASELINE;
            if (server == null) {
              if (!isVivace && baselineJar != null) {
                results.add(RunResult.skipped(s, name, round, "the baseline has no " + s.app().name().toLowerCase(Locale.ROOT)
                    + " endpoints (no ratio for this scenario)"));
              }
              continue;
            }
            results.add(runOne(s, server, name, round, secret));
          }
        }
      }
      if (wrk != null) {
        for (Scenario s : list) {
          for (ServerProcess server : new ServerProcess[] {s.app() == Scenario.App.BLOG ? blogApp : vivace, baseline}) {
            if (server == null || s.app() == Scenario.App.BLOG && server == baseline || skippedOn(results, s, server)) {
              continue;
            }
            String who = server == baseline ? Summary.BASELINE : Summary.VIVACE;
            String bearer = s == Scenario.AUTH_JSON ? Jwt.hs256(secret, "loadtest", Instant.now().getEpochSecond() + 3600) : null;
            log("wrk " + s.id() + " on " + who);
            wrkResults.put(s.id() + "/" + who, Wrk.run(wrk, server.baseUrl(), s, settings.queries(),
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), settings.concurrency(),
                settings.durationS(), bearer, out));
            if (settings.wrkPublished() && server != baseline) {
              log("wrk " + s.id() + " on " + who + " with the published command line (" + Wrk.PUBLISHED + ")");
              wrkResults.put(s.id() + "/" + Wrk.PUBLISHED_KEY, Wrk.run(wrk, server.baseUrl(), s, settings.queries(),
                  Wrk.PUBLISHED_THREADS, Wrk.PUBLISHED_CONNECTIONS, Wrk.PUBLISHED_SECONDS, bearer, out));
            }
          }
        }
      }
    }
    Summary summary = new Summary(new Summary.Context(
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(start),
        Machine.current(), settings, targets, database, serverLines, gatlingVersion(), wrkStatus, out.toAbsolutePath()),
        rebase(results), wrkResults, allocations);
    Files.writeString(out.resolve("summary.md"), summary.markdown(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("chart.svg"), Chart.svg("Throughput per scenario (req/s)", summary.chartRows()), StandardCharsets.UTF_8);
    log("summary: " + out.resolve("summary.md"));
    long failed = summary.failures();
    List<String> below = summary.belowTarget();
    // One closing line per invocation, a run being one scenario against one server in one round.
    long passedRuns = results.stream().filter(r -> r.outcome() == RunResult.Outcome.MEASURED && r.failures() == 0).count();
    long failedRuns = results.stream().filter(r -> r.failures() > 0).count();
    long skippedRuns = results.stream().filter(r -> r.outcome() == RunResult.Outcome.SKIPPED).count();
    System.out.println("loadtests: " + passedRuns + " passed, " + failedRuns + " failed, " + skippedRuns + " skipped");
    if (failed > 0) {
      log(failed + " failed requests: see " + out.resolve("summary.md"));
      return 1;
    }
    if (settings.strict() && !below.isEmpty()) {
      log("below the published target (--strict): " + String.join(", ", below));
      return 3;
    }
    log("every request succeeded");
    return 0;
  }

  /**
   * Runs the first scenario once, unrecorded, for {@code generatorWarmupS} seconds before any measured
   * run: Gatling runs in this JVM, and its first runs are slow while the JIT compiles Gatling, Netty
   * and Scala code (a cold generator made the first scenario of a run look several times slower than
   * the next; see docs/load-testing.md). The server gets the same warm-up.
   */
  private void warmUpGenerator(Scenario s, ServerProcess server, String secret) {
    if (settings.generatorWarmupS() <= 0 || server == null) {
      return;
    }
    log("warming the load generator up: " + s.id() + " for " + settings.generatorWarmupS() + " s (not recorded)");
    Map<String, String> props = properties(server, settings.generatorWarmupS(), 0, secret);
    GatlingRun.run(s, server.handle(), "generator-warmup", 0, props, settings.generatorWarmupS(), 0,
        out.resolve("gatling").resolve("generator-warmup"));
  }

  private Map<String, String> properties(ServerProcess server, int durationS, int warmupS, String secret) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("baseUrl", server.baseUrl());
    props.put("concurrency", Integer.toString(settings.concurrency()));
    props.put("rate", Double.toString(settings.rate()));
    props.put("duration", Integer.toString(durationS));
    props.put("warmup", Integer.toString(warmupS));
    props.put("queries", Integer.toString(settings.queries()));
    props.put("jwtSecret", secret);
    props.put("blogPages", settings.smoke() ? "10" : "50");
    props.put("blogPosts", settings.smoke() ? "500" : "20000");
    return props;
  }

  private RunResult runOne(Scenario s, ServerProcess server, String name, int round, String secret) {
    int status = s == Scenario.JSON_POST
        ? server.status("POST", s.probePath(), EchoBody.JSON)
        : server.status(s.probeMethod(), s.probePath(), null);
    if (status == 404) {
      log(s.id() + " on " + name + ": skipped, endpoint not present");
      return RunResult.skipped(s, name, round, "endpoint not present (" + s.probeMethod() + " " + s.probePath() + " answered 404)");
    }
    Map<String, String> props = properties(server, settings.durationS(), settings.warmupS(), secret);
    log(s.id() + " on " + name + " (round " + round + ")");
    String runId = s.id() + "-" + name + "-" + round;
    AllocationRecording recording = null;
    if (settings.jfr()) {
      try {
        Files.createDirectories(out.resolve("alloc"));
        recording = AllocationRecording.start(server.handle(), out.resolve("alloc").resolve(runId + ".jfr").toAbsolutePath());
      } catch (IOException | InterruptedException e) {
        log("  JFR could not start: " + e.getMessage());
      }
    }
    RunResult r = GatlingRun.run(s, server.handle(), name, round, props, settings.durationS(), settings.warmupS(),
        out.resolve("gatling").resolve(runId));
    if (recording != null) {
      recordAllocation(s, name, runId, r, recording);
    }
    if (r.outcome() == RunResult.Outcome.MEASURED) {
      log(String.format(Locale.ROOT, "  %,.0f req/s, %d failed, p50 %d ms, p99 %d ms, machine %.0f%% busy, Gatling %.2f cores, server %.2f cores%s",
          r.throughput(), r.stats().ko(), r.stats().p50Ms(), r.stats().p99Ms(), 100 * r.usage().machineBusy(),
          r.usage().generatorCores(), r.usage().serverCores(), r.generatorBound(settings.rate()) ? " (generator-bound)" : ""));
    } else {
      log("  " + r.note());
    }
    return r;
  }

  /** Stops the recording and keeps bytes per request (warm-up requests included: the recording spans them). */
  private void recordAllocation(Scenario s, String name, String runId, RunResult r, AllocationRecording recording) {
    try {
      AllocationRecording.Result a = recording.stop();
      if (r.outcome() != RunResult.Outcome.MEASURED) {
        return;
      }
      ReportStats warm = ReportStats.parse(r.report()).get(s.id() + LoadSettings.WARMUP_SUFFIX);
      long requests = r.stats().total() + (warm == null ? 0 : warm.total());
      double perRequest = (double) a.allocatedBytes() / Math.max(1, requests);
      allocations.computeIfAbsent(s.id() + "/" + name, k -> new ArrayList<>()).add(perRequest);
      StringBuilder md = new StringBuilder("# Allocation: " + s.id() + " on " + name + "\n\n");
      md.append(String.format(Locale.ROOT, "%,d bytes over %,d requests: %,.0f bytes per request (the server's Vert.x threads, "
          + "from jdk.ThreadAllocationStatistics).%n%nTop allocation sites (first frame outside the JDK; share of the bytes "
          + "jdk.ObjectAllocationSample stands for; none in a run too short for samples):%n%n| site | share |%n|---|---:|%n", a.allocatedBytes(), requests, perRequest));
      for (Map.Entry<String, Double> site : a.sites()) {
        md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", site.getKey(), 100 * site.getValue()));
      }
      Files.writeString(out.resolve("alloc").resolve(runId + ".md"), md.toString(), StandardCharsets.UTF_8);
      log(String.format(Locale.ROOT, "  %,.0f bytes allocated per request (JFR)", perRequest));
    } catch (IOException | InterruptedException e) {
      log("  JFR: " + e.getMessage());
    }
  }

  private static boolean skippedOn(List<RunResult> results, Scenario s, ServerProcess server) {
    return results.stream().anyMatch(r -> r.scenario() == s && r.outcome() == RunResult.Outcome.SKIPPED
        && r.server().equals(server.name().startsWith("baseline") ? Summary.BASELINE : Summary.VIVACE));
  }

  /** Report paths made absolute, so the summary can link them relative to the results folder. */
  private static List<RunResult> rebase(List<RunResult> results) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : results) {
      out.add(r.report() == null ? r : new RunResult(r.scenario(), r.server(), r.round(), r.outcome(), r.note(),
          r.stats(), r.throughput(), r.usage(), r.report().toAbsolutePath()));
    }
    return out;
  }

  private static String gatlingVersion() {
    try {
      return java.util.ResourceBundle.getBundle("gatling-version").getString("version");
    } catch (RuntimeException e) {
      return "3.x";
    }
  }

  static void log(String message) {
    System.out.println("loadtests: " + message);
  }

  /** The servers this run started; closing stops them all, last started first. */
  final class Servers implements AutoCloseable {
    private final List<ServerProcess> started = new ArrayList<>();

    /** Starts a server (not yet ready) that {@link #close()} will stop. */
    ServerProcess launch(String name, Path jar, Map<String, String> env, Path logs) throws IOException {
      log("starting " + name + " (" + jar + ")");
      ServerProcess p = ServerProcess.launch(name, jar, settings.jvmFlags(), env, logs.resolve(name + ".log"));
      started.add(p);
      return p;
    }

    List<ServerProcess> all() {
      return started;
    }

    /** A remote target, listed in the summary and never stopped. */
    void remote(ServerProcess target) {
      started.add(target);
    }

    @Override
    public void close() {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).close();
      }
    }
  }
}
