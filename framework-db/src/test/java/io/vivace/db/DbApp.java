package io.vivace.db;

import io.vivace.App;
import io.vivace.Vivace;

/** An app with only a database, configured from the environment, for tests of the process (exit codes, lines). */
public final class DbApp {
  private DbApp() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    Database.attach(app);
    app.get("/", () -> "ok");
    app.run();
  }
}
