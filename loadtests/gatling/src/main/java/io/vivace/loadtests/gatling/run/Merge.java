package io.vivace.loadtests.gatling.run;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code loadtests/run --merge DIR1,DIR2,... --out DIR}: several injectors (each a
 * {@code loadtests/run --target URL --out DIRi}, started at the same time, on one or several
 * machines) into one report per run. Each injector's {@code gatling/<run>/<report>/simulation.log}
 * for the same run name ({@code <scenario>-<server>-<round>}) is merged ({@link SimulationLogs}) into
 * {@code DIR/gatling/<run>/merged/simulation.log}, and Gatling's reports-only mode ({@code -ro})
 * writes the HTML report next to it. {@code DIR/merged.md} lists each run's injectors, requests,
 * failures, p50 and p99 across all of them. Exit status 0 when no merged request failed, 1 otherwise
 * or when nothing could be merged.
 */
final class Merge {
  private Merge() {
  }

  static int run(List<Path> injectors, Path out) throws IOException {
    Map<String, List<Path>> byRun = new TreeMap<>();
    for (Path injector : injectors) {
      Path gatling = injector.resolve("gatling");
      if (!Files.isDirectory(gatling)) {
        throw new IllegalArgumentException("--merge: " + injector + " has no gatling/ folder (a loadtests/run results folder?)");
      }
      try (Stream<Path> logs = Files.walk(gatling, 3)) {
        logs.filter(p -> p.getFileName().toString().equals("simulation.log"))
            .filter(p -> !p.getParent().getParent().getFileName().toString().equals("generator-warmup"))
            .forEach(p -> byRun.computeIfAbsent(p.getParent().getParent().getFileName().toString(), k -> new ArrayList<>()).add(p));
      }
    }
    if (byRun.isEmpty()) {
      Runner.log("--merge: no simulation.log under " + injectors);
      return 1;
    }
    StringBuilder md = new StringBuilder("# Merged load test\n\nInjectors: " + injectors + "\n\n"
        + "| run | injectors | requests | failed | p50 ms | p99 ms | report |\n|---|---:|---:|---:|---:|---:|---|\n");
    long failed = 0;
    for (Map.Entry<String, List<Path>> run : byRun.entrySet()) {
      Path folder = Files.createDirectories(out.resolve("gatling").resolve(run.getKey()));
      Path merged = Files.createDirectories(folder.resolve("merged"));
      long requests = SimulationLogs.merge(run.getValue(), merged.resolve("simulation.log"));
      GatlingRun.skipReleaseCheck();
      int status = Gatling$.MODULE$.fromArgs(new String[] {"-ro", "merged", "-rf", folder.toAbsolutePath().toString()});
      Path index = merged.resolve("index.html");
      if (!Files.isRegularFile(index)) {
        Runner.log("--merge: Gatling (exit status " + status + ") wrote no report for " + run.getKey());
        failed++;
        continue;
      }
      String request = scenarioOf(run.getKey());
      ReportStats stats = ReportStats.parse(index).get(request);
      if (stats == null) {
        Runner.log("--merge: no '" + request + "' request in " + index);
        failed++;
        continue;
      }
      failed += stats.ko();
      md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %d | %d | [report](%s) |%n", run.getKey(), run.getValue().size(),
          stats.total(), stats.ko(), stats.p50Ms(), stats.p99Ms(), out.relativize(index)));
      Runner.log(String.format(Locale.ROOT, "%s: %d injectors, %,d requests (%,d records merged), %d failed, p50 %d ms, p99 %d ms",
          run.getKey(), run.getValue().size(), stats.total(), requests, stats.ko(), stats.p50Ms(), stats.p99Ms()));
    }
    Files.writeString(out.resolve("merged.md"), md.toString(), StandardCharsets.UTF_8);
    Runner.log("merged reports: " + out.resolve("merged.md"));
    return failed == 0 ? 0 : 1;
  }

  /** The measured request's name of a run folder {@code <scenario>-<server>-<round>}: the scenario id. */
  static String scenarioOf(String runName) {
    int round = runName.lastIndexOf('-');
    int server = round > 0 ? runName.lastIndexOf('-', round - 1) : -1;
    return server > 0 ? runName.substring(0, server) : runName;
  }
}
