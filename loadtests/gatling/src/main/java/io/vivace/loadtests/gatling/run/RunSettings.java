package io.vivace.loadtests.gatling.run;

import java.util.List;

/**
 * What one invocation of the runner measures and how, as the summary reports it.
 *
 * @param scenarios the scenarios, in order
 * @param durationS measured seconds per run
 * @param warmupS warm-up seconds per run (same load, not counted)
 * @param concurrency closed-model virtual users (one connection each); also wrk's connections
 * @param rate open-model requests per second, 0 for the closed model
 * @param rounds runs per scenario and server, alternating which server goes first
 * @param queries N of the multi-query scenarios
 * @param eventLoops event loops of each server
 * @param poolSize database connections of the Vivace app (the baseline has one per event loop)
 * @param jvmFlags the servers' JVM flags
 * @param smoke true for the short, low-load check
 * @param strict true when a result below its target fails the run
 * @param jfr true to record allocation per request with JFR in each server during each run
 * @param command the command line, for the summary
 * @param target the base URL of an app already running elsewhere ({@code --target}), or null to
 *     start the apps and the baseline here
 * @param generatorWarmupS seconds of one unrecorded run before the first measured one (0: none)
 * @param wrkPublished true to also run wrk with the published command line ({@code wrk -t12 -c400 -d30s})
 */
record RunSettings(List<Scenario> scenarios, int durationS, int warmupS, int concurrency, double rate, int rounds,
    int queries, int eventLoops, int poolSize, List<String> jvmFlags, boolean smoke, boolean strict, boolean jfr, String command,
    String target, int generatorWarmupS, boolean wrkPublished) {
  /** The settings of a run on this machine, with the default generator warm-up and no published wrk line. */
  RunSettings(List<Scenario> scenarios, int durationS, int warmupS, int concurrency, double rate, int rounds,
      int queries, int eventLoops, int poolSize, List<String> jvmFlags, boolean smoke, boolean strict, boolean jfr, String command) {
    this(scenarios, durationS, warmupS, concurrency, rate, rounds, queries, eventLoops, poolSize, jvmFlags, smoke, strict,
        jfr, command, null, 0, false);
  }
}
