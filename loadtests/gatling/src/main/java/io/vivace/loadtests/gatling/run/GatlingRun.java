package io.vivace.loadtests.gatling.run;

import io.gatling.app.Gatling$;
import io.vivace.loadtests.gatling.sim.LoadWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

/**
 * Runs one simulation with Gatling's own launcher ({@code io.gatling.app.Gatling}) in this JVM,
 * so that consecutive runs skip the JVM start, and reads the measured request's statistics from
 * the HTML report it writes. Runs are sequential: the simulation's settings are system properties.
 */
final class GatlingRun {
  private GatlingRun() {
  }

  /**
   * @param server the server's process, for its CPU time
   * @param name the server's name in the results ({@code vivace} or {@code baseline})
   * @param properties the simulation's settings ({@code baseUrl}, {@code duration}, ...), set as
   *     system properties for the run
   * @param durationS the measured seconds, for the throughput
   * @param warmupS the warm-up seconds, where the measured window begins
   * @param resultsFolder where Gatling writes its report (a folder of its own per run)
   */
  static RunResult run(Scenario scenario, ProcessHandle server, String name, int round, Map<String, String> properties,
      double durationS, double warmupS, Path resultsFolder) {
    try {
      Files.createDirectories(resultsFolder);
      properties.forEach(System::setProperty);
      skipReleaseCheck();
      String[] args = {
          "-s", scenario.simulation().getName(),
          "-rf", resultsFolder.toAbsolutePath().toString(),
          "-rd", scenario.id() + " on " + name + ", round " + round,
          "-l", "vivace-loadtests"};
      int status;
      CpuSampler.Usage usage;
      try (CpuSampler sampler = new CpuSampler(server)) {
        status = Gatling$.MODULE$.fromArgs(args);
        long start = LoadWindow.startNanos() + (long) (warmupS * 1e9);
        usage = sampler.usage(start, start + (long) (durationS * 1e9));
      }
      Path report = report(resultsFolder);
      ReportStats stats = ReportStats.parse(report).get(scenario.id());
      if (stats == null) {
        return RunResult.crashed(scenario, name, round,
            "Gatling (exit status " + status + ") recorded no '" + scenario.id() + "' request; see " + report);
      }
      return new RunResult(scenario, name, round, RunResult.Outcome.MEASURED, "", stats,
          stats.total() / durationS, usage, report);
    } catch (IOException | RuntimeException e) {
      return RunResult.crashed(scenario, name, round, "Gatling run failed: " + e);
    }
  }

  /** The index.html under the single report folder Gatling made in {@code resultsFolder}. */
  private static Path report(Path resultsFolder) throws IOException {
    try (Stream<Path> dirs = Files.list(resultsFolder)) {
      return dirs.map(d -> d.resolve("index.html")).filter(Files::isRegularFile).findFirst()
          .orElseThrow(() -> new IOException("no Gatling report in " + resultsFolder));
    }
  }

  /**
   * Gatling looks for a newer release on the internet at most once per period, remembering the last
   * check in the user's Java preferences: recording a check that just happened (and failed) keeps
   * it from calling out, so the runs work offline.
   */
  static void skipReleaseCheck() {
    Preferences prefs = Preferences.userRoot().node("/io/gatling/latestVersion");
    prefs.putLong("lastCheckTimestamp", System.currentTimeMillis());
    prefs.putBoolean("lastCheckSuccess", false);
    try {
      prefs.flush();
    } catch (BackingStoreException e) {
      // kept in memory for this JVM, which is where Gatling runs
    }
  }
}
