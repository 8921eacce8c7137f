package io.vivace.loadtests.gatling.run;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The summary's detail sections after the main table: the load generator, wrk's figures,
 * allocation per request and every run.
 */
final class Sections {
  private final Summary.Context context;
  private final List<RunResult> runs;
  private final Map<String, Wrk.Result> wrk;
  private final Map<String, List<Double>> allocations;

  Sections(Summary.Context context, List<RunResult> runs, Map<String, Wrk.Result> wrk,
      Map<String, List<Double>> allocations) {
    this.context = context;
    this.runs = runs;
    this.wrk = wrk;
    this.allocations = allocations;
  }

  void generator(StringBuilder md) {
    md.append("## The load generator\n\n");
    long measured = runs.stream().filter(r -> r.outcome() == RunResult.Outcome.MEASURED).count();
    long bound = runs.stream().filter(r -> r.generatorBound(context.settings().rate())).count();
    md.append("A run is **generator-bound** when the machine's CPUs were at least 90% busy during the measured window "
        + "and Gatling used at least as much CPU as the server under test (in the open model, only when it "
        + "also fell short of the asked rate): the throughput is then what Gatling could send, "
        + "not what the server can serve, and the server may well do more on a machine with a separate load generator. \"Other cores\" "
        + "in the table of every run is the CPU that neither used: PostgreSQL and whatever else ran on the machine.\n\n");
    if (bound > 0) {
      md.append(String.format(Locale.ROOT, "**%d of %d runs were generator-bound.** ", bound, measured))
          .append(context.wrkStatus().isEmpty()
              ? "wrk's figures below show the servers' capacity with a lighter load generator.\n\n"
              : "Install wrk (`apt-get install wrk`) and run again: the runner then also measures with wrk, which "
                  + "needs far less CPU per request, to show the servers' capacity.\n\n");
    } else {
      md.append(String.format(Locale.ROOT, "None of the %d measured runs was generator-bound.%n%n", measured));
    }
  }

  void wrk(StringBuilder md) {
    md.append("## Server capacity with wrk\n\n");
    if (!context.wrkStatus().isEmpty()) {
      md.append(context.wrkStatus()).append("\n\n");
      return;
    }
    md.append("Same servers, same connections as Gatling's users, ").append(context.settings().durationS())
        .append(" s per scenario and server, after the Gatling rounds; the fixed request of each scenario "
            + "(the blog's random ids replaced by the first post and page).\n\n");
    md.append("| scenario | vivace req/s | baseline req/s | ratio | non-2xx (vivace / baseline) | socket errors |\n");
    md.append("|---|---:|---:|---:|---:|---|\n");
    for (Scenario s : context.settings().scenarios()) {
      Wrk.Result v = wrk.get(s.id() + "/" + Summary.VIVACE);
      Wrk.Result b = wrk.get(s.id() + "/" + Summary.BASELINE);
      if (v == null && b == null) {
        continue;
      }
      md.append("| ").append(s.id())
          .append(" | ").append(v == null ? "—" : Summary.rps(v.rps()))
          .append(" | ").append(b == null ? "—" : Summary.rps(b.rps()))
          .append(" | ").append(v != null && b != null && b.rps() > 0 ? String.format(Locale.ROOT, "%.2f", v.rps() / b.rps()) : "n/a")
          .append(" | ").append(v == null ? "—" : v.errors()).append(" / ").append(b == null ? "—" : b.errors())
          .append(" | ").append(((v == null ? "" : v.note()) + " " + (b == null ? "" : b.note())).trim())
          .append(" |\n");
    }
    md.append('\n');    published(md);
  }

  /** wrk with the command line the targets were published with, next to the targets of this machine's row. */
  private void published(StringBuilder md) {
    if (context.settings().scenarios().stream().noneMatch(s -> wrk.containsKey(s.id() + "/" + Wrk.PUBLISHED_KEY))) {
      return;
    }
    md.append("### The published command line: `").append(Wrk.PUBLISHED).append("`\n\n")
        .append("The targets were published for `").append(Wrk.PUBLISHED)
        .append("` against a whole machine with the load generator on another one; these figures use the same line, "
            + "so they compare with the targets only when that holds here too.\n\n")
        .append("| scenario | req/s | target (").append(context.targets().arch()).append(") | non-2xx | socket errors |\n")
        .append("|---|---:|---:|---:|---|\n");
    for (Scenario s : context.settings().scenarios()) {
      Wrk.Result p = wrk.get(s.id() + "/" + Wrk.PUBLISHED_KEY);
      if (p == null) {
        continue;
      }
      md.append("| ").append(s.id()).append(" | ").append(Summary.rps(p.rps())).append(" | ")
          .append(context.targets().of(s.id()).map(Targets.Range::label).orElse("—")).append(" | ")
          .append(p.errors()).append(" | ").append(p.note()).append(" |\n");
    }
    md.append('\n');
  }

  void allocation(StringBuilder md) {
    if (allocations.isEmpty()) {
      return;
    }
    md.append("## Allocation per request (JFR, `--jfr`)\n\n");
    md.append("Bytes the server's Vert.x threads (event loops, workers) allocated during the run (warm-up included) divided by the requests it "
        + "answered, mean over the rounds; the top allocation sites of each run are in `alloc/<scenario>-<server>-<round>.md` "
        + "and the recordings next to them (open them in JDK Mission Control). Recording costs some throughput: "
        + "do not compare these runs' req/s with runs made without `--jfr`.\n\n");
    md.append("| scenario | vivace bytes/request | baseline bytes/request | vivace / baseline |\n|---|---:|---:|---:|\n");
    for (Scenario s : context.settings().scenarios()) {
      OptionalDouble v = allocations.getOrDefault(s.id() + "/" + Summary.VIVACE, List.of()).stream().mapToDouble(d -> d).average();
      OptionalDouble b = allocations.getOrDefault(s.id() + "/" + Summary.BASELINE, List.of()).stream().mapToDouble(d -> d).average();
      if (v.isEmpty() && b.isEmpty()) {
        continue;
      }
      md.append("| ").append(s.id()).append(" | ").append(v.isPresent() ? Summary.rps(v.getAsDouble()) : "—")
          .append(" | ").append(b.isPresent() ? Summary.rps(b.getAsDouble()) : "—")
          .append(" | ").append(v.isPresent() && b.isPresent() && b.getAsDouble() > 0
              ? String.format(Locale.ROOT, "%.2f", v.getAsDouble() / b.getAsDouble()) : "n/a")
          .append(" |\n");
    }
    md.append('\n');
  }

  void runs(StringBuilder md) {
    md.append("## Every run\n\n");
    md.append("| scenario | round | server | req/s | OK | failed | p50 ms | p99 ms | max ms | machine busy | Gatling cores | server cores | other cores | report |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (RunResult r : runs) {
      if (r.outcome() != RunResult.Outcome.MEASURED) {
        md.append("| ").append(r.scenario().id()).append(" | ").append(r.round()).append(" | ").append(r.server())
            .append(" | ").append(r.outcome().name().toLowerCase(Locale.ROOT)).append(" | | | | | | | | | | |\n");
        continue;
      }
      ReportStats s = r.stats();
      CpuSampler.Usage u = r.usage();
      String link = context.resultsDir().relativize(r.report()).toString();
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d | %d | %d | %d | %.0f%% | %.2f | %.2f | %.2f | [report](%s) |%n",
          r.scenario().id(), r.round(), r.server(), Summary.rps(r.throughput()), s.ok(), s.ko(), s.p50Ms(), s.p99Ms(), s.maxMs(),
          100 * u.machineBusy(), u.generatorCores(), u.serverCores(), u.otherCores(), link));
    }
  }
}
