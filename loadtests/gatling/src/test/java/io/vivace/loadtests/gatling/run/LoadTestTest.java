package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line: scenario names and option checks, before anything is started. */
class LoadTestTest {
  @Test
  void allMeansEveryScenarioInOrderAndNamesAreDeduplicated() {
    assertEquals(List.of(Scenario.values()), LoadTest.resolve(List.of("all")));
    assertEquals(List.of(Scenario.DB, Scenario.PLAINTEXT), LoadTest.resolve(List.of("db", " PLAINTEXT", "db")));
  }

  @Test
  void anUnknownScenarioListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadTest.resolve(List.of("dbb")));
    assertTrue(e.getMessage().contains("'dbb'") && e.getMessage().contains("blog-eager"), e.getMessage());
  }

  @Test
  void badOptionsExitWithStatus2() {
    assertEquals(2, LoadTest.execute("--scenarios", "nope"));
    assertEquals(2, LoadTest.execute("--duration", "0"));
    assertEquals(2, LoadTest.execute("--queries", "501"));
    assertEquals(2, LoadTest.execute("--bogus"));
    assertEquals(2, LoadTest.execute("--arch", "sparc", "--targets", "../targets.json"));
  }
}
