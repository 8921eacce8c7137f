package io.vivace.cli.openapi;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.extract.Path;

/** An app for {@code vivace openapi}'s tests: two routes, and a validator that would refuse a real start. */
public final class ExportedApp {
  private ExportedApp() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    app.get("/things/:id", Path.longValue("id"), id -> "thing " + id).produces(String.class)
        .operationId("getThing").summary("One thing").tags("things");
    app.delete("/things/:id", Path.longValue("id"), id -> io.vivace.response.Response.noContent()).status(204)
        .operationId("deleteThing").tags("things");
    app.onValidate(c -> {
      throw new ConfigException("JWT_SECRET: required (the export must not need it)");
    });
    app.run();
  }

  /** An app whose declaration fails before it runs. */
  public static final class Broken {
    private Broken() {
    }

    public static void main(String[] args) {
      throw new IllegalStateException("DATABASE_URL: not a postgres:// URL");
    }
  }
}
