package io.vivace.loadtests.gatling.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The summary of a run as Markdown ({@code summary.md}), the chart's rows and the verdict:
 * failed requests, and scenarios below their published target.
 */
final class Summary {
  static final String VIVACE = "vivace";
  static final String BASELINE = "baseline";

  /**
   * Everything the summary reports besides the runs.
   *
   * @param date when the run began, UTC
   * @param machine where it ran
   * @param settings what was run
   * @param targets the published targets for this machine's architecture
   * @param database the PostgreSQL server and its version
   * @param servers one line per server: jar and startup line
   * @param gatlingVersion the Gatling version
   * @param wrkStatus why wrk did not run, or empty when it did
   * @param resultsDir the results folder (report links are relative to it)
   */
  record Context(String date, Machine machine, RunSettings settings, Targets targets, String database,
      List<String> servers, String gatlingVersion, String wrkStatus, Path resultsDir) {
  }

  private final Context context;
  private final List<RunResult> runs;
  private final Map<String, Wrk.Result> wrk;
  private final Map<String, List<Double>> allocations;

  /**
   * @param wrk wrk's result by {@code scenario/server}
   * @param allocations bytes allocated per request by {@code scenario/server}, one per round (JFR)
   */
  Summary(Context context, List<RunResult> runs, Map<String, Wrk.Result> wrk, Map<String, List<Double>> allocations) {
    this.context = context;
    this.runs = runs;
    this.wrk = wrk;
    this.allocations = allocations;
  }

  /** Failed requests over all runs (a crashed run counts one). */
  long failures() {
    return runs.stream().mapToLong(RunResult::failures).sum();
  }

  /** The scenarios whose Vivace throughput is below the low end of their published target (none in a smoke run). */
  List<String> belowTarget() {
    List<String> below = new ArrayList<>();
    if (context.settings().smoke()) {
      return below;
    }
    for (Scenario s : context.settings().scenarios()) {
      Optional<Targets.Range> t = context.targets().of(s.id());
      OptionalDouble v = mean(s, VIVACE);
      if (t.isPresent() && v.isPresent() && v.getAsDouble() < t.get().min()) {
        below.add(s.id());
      }
    }
    return below;
  }

  /** The chart's rows: one per scenario. */
  List<Chart.Row> chartRows() {
    List<Chart.Row> rows = new ArrayList<>();
    for (Scenario s : context.settings().scenarios()) {
      Optional<Targets.Range> t = context.targets().of(s.id());
      rows.add(new Chart.Row(s.id(), mean(s, VIVACE).orElse(Double.NaN), mean(s, BASELINE).orElse(Double.NaN),
          t.map(Targets.Range::min).orElse(Double.NaN), t.map(Targets.Range::max).orElse(Double.NaN)));
    }
    return rows;
  }

  /** The Markdown document. */
  String markdown() {
    RunSettings st = context.settings();
    Machine m = context.machine();
    StringBuilder md = new StringBuilder();
    md.append("# Load test: Vivace against the raw Vert.x baseline\n\n");
    if (st.smoke()) {
      md.append("**Smoke run** (`--smoke`): every scenario for a few seconds at low load, to check that each one "
          + "completes without a failed request. Its throughput says nothing about performance.\n\n");
    }
    md.append("- date: ").append(context.date()).append('\n');
    md.append("- command: `").append(st.command()).append("`\n");
    md.append(String.format(Locale.ROOT, "- machine: %s, %d cores, %s, %.1f GiB memory%n",
        Targets.normalizeArch(m.arch()) + (m.arch().equals(Targets.normalizeArch(m.arch())) ? "" : " (" + m.arch() + ")"), m.cores(), m.cpuModel(), m.memoryGiB()));
    md.append("- JDK: ").append(m.jdk()).append('\n');
    md.append("- load generator: Gatling ").append(context.gatlingVersion())
        .append(st.target() == null ? " in the runner's JVM on the same machine; "
            : " in the runner's JVM, the server already running at " + st.target() + " (`--target`); ")
        .append(st.rate() > 0
            ? String.format(Locale.ROOT, "open model, %.0f new users (one request each) per second, shared connections", st.rate())
            : "closed model, " + st.concurrency() + " users, each looping on its own keep-alive connection")
        .append("; warm-up ").append(st.warmupS()).append(" s, measured ").append(st.durationS()).append(" s, ")
        .append(st.rounds()).append(st.rounds() == 1 ? " round" : " rounds").append(" (servers alternate going first)\n");
    md.append("- servers: JVM flags `").append(String.join(" ", st.jvmFlags())).append("`, ")
        .append(st.eventLoops()).append(" event loops; Vivace's pool ").append(st.poolSize())
        .append(" database connections, the baseline one connection per event loop\n");
    for (String s : context.servers()) {
      md.append("  - ").append(s).append('\n');
    }
    md.append("- database: ").append(context.database()).append('\n');
    md.append("- targets: ").append(context.targets().label()).append(" row of `loadtests/targets.json`; source: ")
        .append(context.targets().source()).append('\n');
    md.append("- throughput: measured requests (OK and failed) divided by the measured seconds; latencies are Gatling's "
        + "(millisecond resolution), per request\n\n");

    md.append("## Summary\n\n");
    md.append("Ratio: Vivace req/s / baseline req/s (1.00 = the same). Per core: req/s divided by the machine's ")
        .append(m.cores()).append(" cores; the published targets are for a whole multi-core machine with a separate load generator.\n\n");
    md.append("| scenario | vivace req/s | baseline req/s | ratio | target (").append(context.targets().arch())
        .append(") | vs target | vivace req/s per core | vivace p50 / p99 ms | baseline p50 / p99 ms | failed requests | load generator |\n");
    md.append("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
    for (Scenario s : st.scenarios()) {
      OptionalDouble v = mean(s, VIVACE);
      OptionalDouble b = mean(s, BASELINE);
      Optional<Targets.Range> t = context.targets().of(s.id());
      String vsTarget = "no published target";
      if (st.smoke()) {
        vsTarget = "not judged (smoke)";
      } else if (t.isPresent() && v.isPresent()) {
        double pct = 100 * v.getAsDouble() / t.get().min();
        vsTarget = v.getAsDouble() >= t.get().min() ? "met" : String.format(Locale.ROOT, "below (%.0f%% of %,.0f)", pct, t.get().min());
      } else if (t.isPresent()) {
        vsTarget = "not measured";
      }
      md.append("| ").append(s.id())
          .append(" | ").append(v.isPresent() ? rps(v.getAsDouble()) : status(s, VIVACE))
          .append(" | ").append(b.isPresent() ? rps(b.getAsDouble()) : status(s, BASELINE))
          .append(" | ").append(v.isPresent() && b.isPresent() && b.getAsDouble() > 0
              ? String.format(Locale.ROOT, "%.2f", v.getAsDouble() / b.getAsDouble()) : "n/a")
          .append(" | ").append(t.map(Targets.Range::label).orElse("—"))
          .append(" | ").append(vsTarget)
          .append(" | ").append(v.isPresent() ? rps(v.getAsDouble() / m.cores()) : "—")
          .append(" | ").append(latency(s, VIVACE))
          .append(" | ").append(latency(s, BASELINE))
          .append(" | ").append(failures(s))
          .append(" | ").append(generator(s))
          .append(" |\n");
    }
    md.append('\n');
    for (RunResult r : runs) {
      if (r.outcome() != RunResult.Outcome.MEASURED && r.round() == 1) {
        md.append("- ").append(r.scenario().id()).append(" on ").append(r.server()).append(": ")
            .append(r.outcome() == RunResult.Outcome.SKIPPED ? "skipped: " : "FAILED: ").append(r.note()).append('\n');
      }
    }
    md.append("\n![throughput per scenario](chart.svg)\n\n");
    Sections sections = new Sections(context, runs, wrk, allocations);
    sections.generator(md);
    sections.wrk(md);
    sections.allocation(md);
    sections.runs(md);
    md.append("\n## Verdict\n\n");
    long failed = failures();
    md.append(failed == 0 ? "- no failed request\n" : "- **" + failed + " failed requests** (the run exits non-zero)\n");
    List<String> below = belowTarget();
    md.append(below.isEmpty() ? "- no measured scenario is below its published target\n"
        : "- below the published target: " + String.join(", ", below)
            + (st.strict() ? " (`--strict`: the run exits non-zero)\n" : " (reported only; `--strict` would fail the run)\n"));
    return md.toString();
  }

  private List<RunResult> measured(Scenario s, String server) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : runs) {
      if (r.scenario() == s && r.server().equals(server) && r.outcome() == RunResult.Outcome.MEASURED) {
        out.add(r);
      }
    }
    return out;
  }

  /** The mean throughput over the rounds, empty when no round was measured. */
  OptionalDouble mean(Scenario s, String server) {
    return measured(s, server).stream().mapToDouble(RunResult::throughput).average();
  }

  private String status(Scenario s, String server) {
    for (RunResult r : runs) {
      if (r.scenario() == s && r.server().equals(server)) {
        return r.outcome() == RunResult.Outcome.SKIPPED ? "skipped" : "failed";
      }
    }
    return "—";
  }

  private String latency(Scenario s, String server) {
    List<RunResult> m = measured(s, server);
    if (m.isEmpty()) {
      return "—";
    }
    long p50 = Math.round(m.stream().mapToLong(r -> r.stats().p50Ms()).average().orElse(0));
    long p99 = Math.round(m.stream().mapToLong(r -> r.stats().p99Ms()).average().orElse(0));
    return p50 + " / " + p99;
  }

  private String failures(Scenario s) {
    Map<String, Long> by = new LinkedHashMap<>();
    for (RunResult r : runs) {
      if (r.scenario() == s && r.failures() > 0) {
        by.merge(r.server(), r.failures(), Long::sum);
      }
    }
    if (by.isEmpty()) {
      return "0";
    }
    StringBuilder b = new StringBuilder();
    by.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append("**").append(v).append("** ").append(k));
    return b.toString();
  }

  private String generator(Scenario s) {
    long bound = 0;
    long n = 0;
    for (RunResult r : runs) {
      if (r.scenario() == s && r.usage() != null) {
        n++;
        if (r.generatorBound(context.settings().rate())) {
          bound++;
        }
      }
    }
    if (n == 0) {
      return "—";
    }
    return bound == 0 ? "not the limit" : "**generator-bound** (" + bound + " of " + n + " runs)";
  }

  static String rps(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
