package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project's own loadtests/targets.json, read as the runner reads it. */
class TargetsTest {
  private static final Path FILE = Path.of("..", "targets.json");

  @Test
  void x86RowHoldsThePublishedRanges() throws Exception {
    Targets t = Targets.load(FILE, "amd64");
    assertEquals("x86_64", t.arch());
    assertEquals(new Targets.Range("simple", 60_000, 70_000, false), t.of("plaintext").orElseThrow());
    assertEquals(new Targets.Range("simple", 60_000, 70_000, false), t.of("json").orElseThrow());
    assertEquals(new Targets.Range("authenticated", 50_000, 60_000, false), t.of("auth-json").orElseThrow());
    assertEquals(new Targets.Range("database", 30_000, 50_000, false), t.of("db").orElseThrow());
    assertTrue(t.of("json-post").isEmpty(), "no JSON POST target is published for x86_64");
    assertTrue(t.of("queries").isEmpty(), "the database target is for one query per request");
    assertEquals("60,000-70,000", t.of("plaintext").orElseThrow().label());
    assertTrue(t.source().contains("Performance Targets"), t.source());
  }

  @Test
  void aarch64RowHasTheApproximateJsonPostFigure() throws Exception {
    Targets t = Targets.load(FILE, "arm64");
    assertEquals(new Targets.Range("simple", 80_000, 90_000, false), t.of("plaintext").orElseThrow());
    assertEquals("~85,000", t.of("json-post").orElseThrow().label());
    assertEquals(new Targets.Range("authenticated", 60_000, 80_000, false), t.of("auth-json").orElseThrow());
    assertEquals(new Targets.Range("database", 40_000, 60_000, false), t.of("fortunes").orElseThrow());
  }

  @Test
  void anUnknownArchitectureIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Targets.load(FILE, "riscv64"));
    assertTrue(e.getMessage().contains("riscv64") && e.getMessage().contains("x86_64"), e.getMessage());
  }
}
