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
 */
record RunSettings(List<Scenario> scenarios, int durationS, int warmupS, int concurrency, double rate, int rounds,
    int queries, int eventLoops, int poolSize, List<String> jvmFlags, boolean smoke, boolean strict, boolean jfr, String command) {
}
