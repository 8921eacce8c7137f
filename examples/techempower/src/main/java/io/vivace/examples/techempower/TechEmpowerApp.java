package io.vivace.examples.techempower;

import io.vertx.core.buffer.Buffer;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.cache.Caches;
import io.vivace.cache.RedisOptions;
import io.vivace.config.VivaceOptions;
import io.vivace.db.Database;
import io.vivace.db.DbOptions;
import io.vivace.extract.Body;
import io.vivace.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The TechEmpower Framework Benchmarks test types on Vivace (the rules are summarised in the
 * project's shared reference {@code techempower.md}):
 * <ul>
 *   <li>{@code /plaintext}: {@code Hello, World!} as text/plain; the body bytes are encoded once
 *       and reused, headers are written per response; works with HTTP/1.1 pipelining;</li>
 *   <li>{@code /json}: a new {@code {"message":"Hello, World!"}} object serialized per request.</li>
 * </ul>
 * and the database test types {@code /db}, {@code /queries?queries=N} and {@code /updates?queries=N}
 * (see {@link Worlds}; the schema and data come from the Flyway migration). Every response carries
 * {@code Server} and a {@code Date} rendered once per second. {@code /fortunes} renders with a
 * compiled JTE template ({@link Fortunes}). {@code /cached-queries?count=N} reads World rows
 * through a Vivace cache ({@link CachedWorlds}: Caffeine, plus Redis when {@code REDIS_URL} is set).
 * {@code /auth/json} answers like {@code /json} when the request carries a valid HS256 bearer token
 * signed with {@code JWT_SECRET} (else 401): the authenticated-endpoint target. The app needs
 * {@code JWT_SECRET} to start; {@code vivace token} (the cli) mints tokens for load tests.
 */
public final class TechEmpowerApp {
  private static final Response PLAINTEXT =
      Response.bytes(Buffer.buffer("Hello, World!".getBytes(StandardCharsets.US_ASCII)), "text/plain");

  private TechEmpowerApp() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    routes(app, Database.attach(app), Auth.attach(app), Caches.attach(app)).run(); // JWT_SECRET; Redis tier when REDIS_URL is set
  }

  /** An app on the given options (tests use port 0 and a database of their own); caches on Caffeine only. */
  public static App create(VivaceOptions options, DbOptions db, AuthOptions auth) {
    return create(options, db, auth, null);
  }

  /** An app whose cache has the Redis tier of {@code redis} (null: Caffeine only). */
  public static App create(VivaceOptions options, DbOptions db, AuthOptions auth, RedisOptions redis) {
    App app = Vivace.app(options);
    return routes(app, Database.attach(app, db), Auth.attach(app, auth), Caches.attach(app, redis));
  }

  /** Revoked token ids: empty, a stand-in for the auth module's deny-list (the same kind of map). */
  private static final java.util.Set<String> REVOKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static App routes(App app, Database db, Auth auth, Caches caches) {
    Worlds worlds = new Worlds(db);
    Fortunes fortunes = new Fortunes(db);
    app.get("/plaintext", () -> PLAINTEXT).produces(String.class);
    app.get("/json", () -> new Message("Hello, World!")).produces(Message.class);
    // The jti deny-list check an app with the auth module makes on every authenticated request (one
    // in-memory lookup, RevokedTokens), so /auth/json measures it too; nothing is ever revoked here.
    auth.denyList(REVOKED::contains);
    app.get("/auth/json", auth.user(), user -> new Message("Hello, World!")).produces(Message.class);
    app.get("/db", worlds::one).produces(World.class);
    app.get("/queries", Worlds.QUERIES, worlds::many).produces(List.class, World.class);
    app.get("/updates", Worlds.QUERIES, worlds::update).produces(List.class, World.class);
    app.get("/fortunes", fortunes::page).produces(String.class).mediaType("text/html");
    app.get("/cached-queries", CachedWorlds.COUNT, new CachedWorlds(db, caches)::query).produces(List.class, World.class);
    // Not a TechEmpower test type: the load tests' JSON POST scenario (a body read and written back).
    app.post("/echo", Body.json(Echo.class), echo -> echo).produces(Echo.class);
    // the WebSocket echo of the real-time load test (loadtests/realtime): each message sent back as it came
    // tag::ws-echo[]
    app.ws("/ws/echo", ws -> ws.onText(ws::sendText).onBinary(ws::sendBinary));
    // end::ws-echo[]
    return app;
  }
}
