package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final Path DIR = Path.of("/results").toAbsolutePath();

  private static RunResult measured(Scenario s, String server, double rps, long ko, boolean generatorBound) {
    CpuSampler.Usage usage = generatorBound
        ? new CpuSampler.Usage(10, 0.99, 1.2, 0.7, 2) : new CpuSampler.Usage(10, 0.60, 0.3, 0.8, 2);
    return new RunResult(s, server, 1, RunResult.Outcome.MEASURED, "",
        new ReportStats(s.id(), (long) rps * 10, (long) rps * 10 - ko, ko, 2, 9, 30, 3), rps, usage,
        DIR.resolve("gatling/x/index.html"));
  }

  private static Summary summary(boolean smoke, List<RunResult> runs) throws Exception {
    RunSettings settings = new RunSettings(List.of(Scenario.PLAINTEXT, Scenario.AUTH_JSON, Scenario.BLOG_PAGE),
        10, 5, 64, 0, 1, 20, 2, 8, List.of("-Xmx1g"), smoke, false, false, "loadtests/run");
    Summary.Context ctx = new Summary.Context("2026-01-01 00:00:00 UTC",
        new Machine("amd64", 2, "Test CPU", 8, "JDK 17"), settings, Targets.load(Path.of("..", "targets.json"), "x86_64"),
        "db", List.of("vivace: x.jar"), "3.14.3", "wrk is not installed", DIR);
    return new Summary(ctx, runs, Map.of(), Map.of());
  }

  private static List<RunResult> runs(long ko) {
    return List.of(
        measured(Scenario.PLAINTEXT, Summary.VIVACE, 50_000, ko, true),
        measured(Scenario.PLAINTEXT, Summary.BASELINE, 40_000, 0, false),
        RunResult.skipped(Scenario.AUTH_JSON, Summary.VIVACE, 1, "endpoint not present (GET /auth/json answered 404)"),
        RunResult.skipped(Scenario.AUTH_JSON, Summary.BASELINE, 1, "endpoint not present (GET /auth/json answered 404)"),
        measured(Scenario.BLOG_PAGE, Summary.VIVACE, 9_000, 0, false),
        RunResult.skipped(Scenario.BLOG_PAGE, Summary.BASELINE, 1, "the baseline has no blog endpoints"));
  }

  @Test
  void reportsRatioTargetPerCoreGeneratorAndSkips() throws Exception {
    Summary s = summary(false, runs(0));
    String md = s.markdown();
    assertTrue(md.contains("| plaintext | 50,000 | 40,000 | 1.25 | 60,000-70,000 | below (83% of 60,000) | 25,000 |"), md);
    assertTrue(md.contains("**generator-bound** (1 of 2 runs)"), md);
    assertTrue(md.contains("**1 of 3 runs were generator-bound.**"), md);
    assertTrue(md.contains("- auth-json on vivace: skipped: endpoint not present (GET /auth/json answered 404)"), md);
    assertTrue(md.contains("| blog-page | 9,000 | skipped | n/a | — | no published target |"), md);
    assertTrue(md.contains("machine: x86_64 (amd64), 2 cores, Test CPU"), md);
    assertTrue(md.contains("[report](gatling/x/index.html)"), md);
    assertEquals(0, s.failures());
    assertEquals(List.of("plaintext"), s.belowTarget());
  }

  @Test
  void failedRequestsAreCountedAndShown() throws Exception {
    Summary s = summary(false, runs(7));
    assertEquals(7, s.failures());
    assertTrue(s.markdown().contains("**7 failed requests**"));
    assertTrue(s.markdown().contains("| **7** vivace |"), s.markdown());
  }

  @Test
  void anOpenModelRunThatReachedItsRateIsNotGeneratorBound() {
    RunResult r = measured(Scenario.PLAINTEXT, Summary.VIVACE, 1_000, 0, true);
    assertTrue(r.generatorBound(0), "closed model: the CPU figures decide");
    assertEquals(false, r.generatorBound(1_000), "the asked rate was reached");
    assertTrue(r.generatorBound(2_000), "half the asked rate on a saturated machine");
  }

  @Test
  void wrkWithThePublishedCommandLineStandsNextToTheTarget() throws Exception {
    RunSettings settings = new RunSettings(List.of(Scenario.PLAINTEXT, Scenario.BLOG_PAGE), 10, 5, 64, 0, 1, 20, 2, 8,
        List.of("-Xmx1g"), false, false, false, "loadtests/run --target http://10.0.0.5:8080", "http://10.0.0.5:8080", 15, true);
    Summary.Context ctx = new Summary.Context("2026-01-01 00:00:00 UTC",
        new Machine("amd64", 2, "Test CPU", 8, "JDK 17"), settings, Targets.load(Path.of("..", "targets.json"), "x86_64"),
        "db", List.of("target: already running at http://10.0.0.5:8080"), "3.14.3", "", DIR);
    Map<String, Wrk.Result> wrk = Map.of(
        "plaintext/" + Summary.VIVACE, new Wrk.Result(52_000, 0, ""),
        "plaintext/" + Wrk.PUBLISHED_KEY, new Wrk.Result(61_234, 0, ""),
        "blog-page/" + Wrk.PUBLISHED_KEY, new Wrk.Result(812, 3, "Socket errors: connect 0, read 0, write 0, timeout 3"));
    String md = new Summary(ctx, List.of(measured(Scenario.PLAINTEXT, Summary.VIVACE, 50_000, 0, false)), wrk, Map.of()).markdown();
    assertTrue(md.contains("the server already running at http://10.0.0.5:8080 (`--target`)"), md);
    assertTrue(md.contains("### The published command line: `wrk -t12 -c400 -d30s`"), md);
    assertTrue(md.contains("| plaintext | 61,234 | 60,000-70,000 | 0 |  |"), md);
    assertTrue(md.contains("| blog-page | 812 | — | 3 | Socket errors: connect 0, read 0, write 0, timeout 3 |"), md);
  }

  @Test
  void aSmokeRunJudgesNoTarget() throws Exception {
    Summary s = summary(true, runs(0));
    assertEquals(List.of(), s.belowTarget());
    assertTrue(s.markdown().contains("not judged (smoke)"));
    assertTrue(s.markdown().contains("**Smoke run**"));
  }
}
