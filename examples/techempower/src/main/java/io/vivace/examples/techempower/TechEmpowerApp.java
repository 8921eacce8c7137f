package io.vivace.examples.techempower;

import io.vertx.core.buffer.Buffer;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import io.vivace.response.Response;
import java.nio.charset.StandardCharsets;

/**
 * The TechEmpower Framework Benchmarks test types on Vivace (the rules are summarised in the
 * project's shared reference {@code techempower.md}):
 * <ul>
 *   <li>{@code /plaintext}: {@code Hello, World!} as text/plain; the body bytes are encoded once
 *       and reused, headers are written per response; works with HTTP/1.1 pipelining;</li>
 *   <li>{@code /json}: a new {@code {"message":"Hello, World!"}} object serialized per request.</li>
 * </ul>
 * Every response carries {@code Server} and a {@code Date} rendered once per second. The database
 * and cache test types join with the database and cache work.
 */
public final class TechEmpowerApp {
  private static final Response PLAINTEXT =
      Response.bytes(Buffer.buffer("Hello, World!".getBytes(StandardCharsets.US_ASCII)), "text/plain");

  private TechEmpowerApp() {
  }

  public static void main(String[] args) {
    routes(Vivace.app()).run();
  }

  /** An app on the given options (tests use port 0). */
  public static App create(VivaceOptions options) {
    return routes(Vivace.app(options));
  }

  static App routes(App app) {
    app.get("/plaintext", () -> PLAINTEXT);
    app.get("/json", () -> new Message("Hello, World!")).produces(Message.class);
    return app;
  }
}
