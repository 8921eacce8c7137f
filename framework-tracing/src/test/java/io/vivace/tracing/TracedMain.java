package io.vivace.tracing;

import io.vivace.App;
import io.vivace.Vivace;

/** A small app for process tests: its settings come from the environment only. */
public final class TracedMain {
  private TracedMain() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    app.get("/hello", () -> "hello");
    app.run();
  }
}
