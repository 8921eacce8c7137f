package io.vivace.loadtests.baseline;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One HTTP server on one event loop: {@code /plaintext}, {@code /json}, {@code /db} and
 * {@code /fortunes} ({@link DbEndpoints}), {@code /queries} and {@code /updates} ({@link WorldQueries}),
 * {@code /cached-queries} ({@link CachedQueries}) (503 when the server has no database),
 * {@code POST /echo} ({@link EchoEndpoint}), anything else 404.
 *
 * <p>{@link BaselineServer} deploys one instance per event loop; Vert.x shares the listening port
 * between them. With a database, each instance first opens its own {@link LoopConnection} on its
 * event loop (no pool), then listens. Everything here runs on this verticle's own event loop, so
 * its fields (the JSON writer, the Date value, the connection) need no synchronization.
 */
public final class BaselineVerticle extends VerticleBase {
  // Header names and constant values, encoded to ASCII bytes once (HttpHeaders.createOptimized).
  private static final CharSequence SERVER = HttpHeaders.createOptimized("Server");
  private static final CharSequence DATE = HttpHeaders.createOptimized("Date");
  static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");
  private static final CharSequence VERTX = HttpHeaders.createOptimized("Vert.x");
  private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain");
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

  /** The /plaintext body, built once; Vert.x writes a view of it, never consuming it. */
  private static final Buffer HELLO = Buffer.buffer("Hello, World!".getBytes(StandardCharsets.UTF_8));
  private static final CharSequence HELLO_LENGTH = HttpHeaders.createOptimized(Integer.toString(HELLO.length()));

  /** Finds the converters that the annotation processor generated at compile time (no reflection). */
  static final DslJson<Object> DSL = new DslJson<>(new DslJson.Settings<>().includeServiceLoader());
  /** The generated writer of {@link Message}, looked up once rather than per request. */
  private static final JsonWriter.WriteObject<Message> MESSAGE_WRITER = DSL.tryFindWriter(Message.class);

  static {
    if (MESSAGE_WRITER == null) {
      throw new IllegalStateException("No generated DSL-JSON converter for Message: is the annotation processor on?");
    }
  }

  private final String host;
  private final int port;
  /** How to reach the database, or null without one. */
  private final PgConnectOptions database;
  /** This event loop's own database connection, or null without a database. */
  private LoopConnection connection;
  /** This event loop's JSON writer, reset and reused for every /json and /db response. */
  private final JsonWriter writer = DSL.newWriter(256);
  /** /queries and /updates on this event loop, or null without a database. */
  private WorldQueries worlds;
  /** POST /echo on this event loop. */
  private final EchoEndpoint echo = new EchoEndpoint(writer);
  /** /db and /fortunes on this event loop, or null without a database. */
  private DbEndpoints db;
  /** /cached-queries on this event loop, or null without a database. */
  private CachedQueries cached;
  /** The current Date header value, re-formatted once a second by a timer, never per request. */
  private CharSequence date;
  private long dateTimer = -1;

  /**
   * @param host the interface to listen on
   * @param port the port, shared by all instances
   * @param database the database this instance opens its own connection to, or null: the
   *     database routes answer 503
   */
  public BaselineVerticle(String host, int port, PgConnectOptions database) {
    this.host = host;
    this.port = port;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    date = formatDate();
    if (database != null) {
      connection = new LoopConnection(vertx, database);
      db = new DbEndpoints(connection, writer);
      cached = new CachedQueries(connection, writer, context);
      worlds = new WorldQueries(connection, writer);
    }
    dateTimer = vertx.setPeriodic(1000, id -> date = formatDate());
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        // HTTP/1.1 only: no h2c upgrade detection on each connection.
        .setHttp2ClearTextEnabled(false)
        // Requests are handled and ended on the event loop only, so Vert.x may skip its
        // cross-thread synchronization of the HTTP/1.x connection.
        .setStrictThreadMode(true);
    // Nothing else: Vert.x's defaults, as TechEmpower's Vert.x entries run. In particular no idle
    // timeout (it would add Netty's IdleStateHandler to every connection), so whatever a Vivace
    // default costs per request shows in the comparison.
    Future<Void> ready = connection == null ? Future.succeededFuture() : connection.open();
    return ready.compose(v -> vertx.createHttpServer(options).requestHandler(this::handle).listen());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(dateTimer); // the server itself is closed by the undeploy
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  /** IMF-fixdate (RFC 9110): two-digit day, always GMT. */
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private static CharSequence formatDate() {
    return HttpHeaders.createOptimized(IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
  }

  private void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    switch (request.path()) {
      case "/plaintext" -> plaintext(response);
      case "/json" -> json(response);
      case "/db" -> {
        commonHeaders(response);
        if (db != null) {
          db.world(response);
        } else {
          unavailable(response);
        }
      }
      case "/cached-queries" -> {
        commonHeaders(response);
        if (cached != null) {
          cached.handle(request, response);
        } else {
          unavailable(response);
        }
      }
      case "/queries" -> {
        commonHeaders(response);
        if (worlds != null) {
          worlds.queries(request, response);
        } else {
          unavailable(response);
        }
      }
      case "/updates" -> {
        commonHeaders(response);
        if (worlds != null) {
          worlds.updates(request, response);
        } else {
          unavailable(response);
        }
      }
      case "/echo" -> {
        commonHeaders(response);
        echo.handle(request, response);
      }
      case "/fortunes" -> {
        commonHeaders(response);
        if (db != null) {
          db.fortunes(response);
        } else {
          unavailable(response);
        }
      }
      default -> {
        commonHeaders(response.setStatusCode(404));
        response.end();
      }
    }
  }

  /** Server and Date go on every response; add() skips the removal scan that set() does. */
  private MultiMap commonHeaders(HttpServerResponse response) {
    return response.headers().add(SERVER, VERTX).add(DATE, date);
  }

  /** No database configured (no DATABASE_URL) or its connection is down: 503, empty body. */
  static void unavailable(HttpServerResponse response) {
    response.setStatusCode(503).end();
  }

  private void plaintext(HttpServerResponse response) {
    commonHeaders(response)
        .add(CONTENT_TYPE, TEXT_PLAIN)
        .add(CONTENT_LENGTH, HELLO_LENGTH);
    response.end(HELLO);
  }

  private void json(HttpServerResponse response) {
    // A new object per request, serialized per request, as the TechEmpower rules require.
    JsonWriter w = writer;
    w.reset();
    MESSAGE_WRITER.write(w, new Message("Hello, World!"));
    int size = w.size();
    Buffer body = Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
    commonHeaders(response).add(CONTENT_TYPE, APPLICATION_JSON);
    response.end(body); // Vert.x adds Content-Length from the buffer's size
  }
}
