package io.vivace.loadtests.gatling.run;

import java.nio.file.Path;

/**
 * One scenario against one server in one round.
 *
 * @param scenario what ran
 * @param server {@code vivace} or {@code baseline}
 * @param round 1-based
 * @param outcome measured, skipped or crashed
 * @param note why it was skipped or crashed, else empty
 * @param stats the measured request's line of Gatling's report, null unless measured
 * @param throughput measured requests (OK and KO) per second of the measured duration
 * @param usage CPU use during the measured window, null unless measured
 * @param report Gatling's {@code index.html}, null unless measured
 */
record RunResult(Scenario scenario, String server, int round, Outcome outcome, String note,
    ReportStats stats, double throughput, CpuSampler.Usage usage, Path report) {

  enum Outcome { MEASURED, SKIPPED, CRASHED }

  static RunResult skipped(Scenario scenario, String server, int round, String why) {
    return new RunResult(scenario, server, round, Outcome.SKIPPED, why, null, 0, null, null);
  }

  static RunResult crashed(Scenario scenario, String server, int round, String why) {
    return new RunResult(scenario, server, round, Outcome.CRASHED, why, null, 0, null, null);
  }

  /**
   * Whether the load generator limited this run ({@link CpuSampler.Usage#generatorBound()}); in the
   * open model a run that reached 95% of the asked {@code rate} was not limited, whatever the CPU.
   */
  boolean generatorBound(double rate) {
    return usage != null && usage.generatorBound() && !(rate > 0 && throughput >= 0.95 * rate);
  }

  /** Requests that failed; a crash counts as one. */
  long failures() {
    return switch (outcome) {
      case MEASURED -> stats.ko();
      case CRASHED -> 1;
      case SKIPPED -> 0;
    };
  }
}
