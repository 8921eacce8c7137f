package io.vivace.server.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vivace.compression.impl.Http2Tags;
import io.vivace.config.VivaceOptions;
import io.vivace.health.Health;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.observe.impl.ObserveStages;
import io.vivace.route.RouteDef;
import io.vivace.tls.impl.TlsFiles;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server on one event loop. Every response gets {@code Server} and {@code Date} first; the
 * date is refreshed by a timer on this loop, never per request. The app-wide {@link ServerStages}
 * (security headers, CORS) run next, before dispatch, when any is on. Idle HTTP/1.x connections are
 * closed by an {@link IdleCloser} per connection rather than Vert.x's per-request idle handler. Static routes
 * ({@link StaticRoutes}) are answered directly, everything else by the Vert.x Web router. The
 * request id, the access log and the HTTP meters ({@link ObserveStages}) see every request first,
 * preflights included; a request whose head is invalid is counted in the meters as matching no route.
 */
final class HttpVerticle extends VerticleBase {
  private final List<RouteDef> routes;
  private final Health health;
  private final VivaceOptions options;
  private final int port;
  private final Executor blockingExecutor;
  private final ServerStages stages;
  private final OpsRoutes ops;
  private final HttpServerMeters meters;
  private final io.vivace.websocket.impl.WebSockets webSockets;
  private final TlsFiles tls;
  private HttpServer server;
  private HttpConnections connections;
  private OpenStreams openStreams;
  /** This loop's observe stages (null when all off), flushed after the drain. */
  private ObserveStages observe;
  private boolean idleWarned;

  HttpVerticle(List<RouteDef> routes, Health health, VivaceOptions options, int port, Executor blockingExecutor,
      ServerStages stages, OpsRoutes ops, HttpServerMeters meters, TlsFiles tls,
      io.vivace.websocket.impl.WebSockets webSockets) {
    this.webSockets = webSockets;
    this.ops = ops;
    this.tls = tls;
    this.meters = meters;
    this.routes = routes;
    this.stages = stages;
    this.health = health;
    this.options = options;
    this.port = port;
    this.blockingExecutor = blockingExecutor;
  }

  @Override
  public Future<?> start() {
    Router router = RouterFactory.create(vertx, routes, health, options, blockingExecutor, ops, meters,
        stages.tracer() != null);
    DateHeader date = new DateHeader(System::currentTimeMillis);
    vertx.setPeriodic(DateHeader.TICK_MS, id -> date.refresh());
    CharSequence serverName = HttpHeaders.createOptimized(options.serverName());
    // HTTP/1.x, and HTTP/2 over TLS: idle connections are closed by an IdleCloser per connection,
    // which costs nothing per request; with h2c, by Vert.x's idle timeout. Over TLS, Vert.x's idle
    // timeout also guards a connection from the end of its handshake until it is made (an HTTP/2
    // connection once the client's preface has arrived: a client that negotiates h2 and sends
    // nothing is closed too); the IdleCloser then takes its place.
    boolean ownIdleTimeout = options.idleTimeoutSeconds() > 0 && !options.h2c();
    boolean vertxIdleTimeout = !ownIdleTimeout || tls != null;
    HttpServerOptions serverOptions = new HttpServerOptions()
        .setIdleTimeout(vertxIdleTimeout ? options.idleTimeoutSeconds() : 0)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(options.maxUriLength())
        .setMaxHeaderSize(options.maxHeaderSize())
        .setHandle100ContinueAutomatically(true)
        .setStrictThreadMode(options.strictThreadMode())
        .setHttp2ClearTextEnabled(options.h2c())
        // WebSocket compression extensions are not offered (messages go uncompressed): with them,
        // an extension handler sits in every HTTP/1 connection's pipeline and reads every
        // request's headers for an upgrade offer, which costs about 1% of a /json request.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    if (tls != null) {
      tls.configure(serverOptions); // TLS 1.3/1.2, ALPN h2 and http/1.1
    }
    stages.configure(serverOptions);
    webSockets.configure(serverOptions); // frame and message bounds
    webSockets.bind(context); // found by a WebSocket route's upgrade
    openStreams = OpenStreams.bind(context); // event streams and WebSockets, ended at the drain
    if (serverOptions.isCompressionSupported()) {
      io.vivace.sse.impl.EventStreamsImpl.compressionOn(context); // event streams opt out of compression
    }
    ServerStages perRequest = stages.perRequest();
    // HTTP/2 answers are encoded by Vert.x's compressor: their tags are rewritten per request
    Http2Tags http2Tags = tls != null || options.h2c() ? stages.http2Tags() : null; // null: compression off
    StaticRoutes direct = StaticRoutes.of(routes, meters, stages.tracer() != null);
    observe = ObserveStages.start(options.observe(), context, router, routes, meters,
        stages.tracer()); // null when all off
    connections = new HttpConnections(serverOptions, stages);
    long idleNanos = ownIdleTimeout ? TimeUnit.SECONDS.toNanos(options.idleTimeoutSeconds()) : 0;
    server = vertx.createHttpServer(serverOptions).connectionHandler(conn -> {
      connections.opened(conn);
      if (ownIdleTimeout && !IdleCloser.install(conn, idleNanos) && !idleWarned) {
        idleWarned = true; // not with Vert.x 5's connections; said once rather than per connection
        LoggerFactory.getLogger(HttpVerticle.class).warn("{}: no idle timeout on this kind of connection",
            conn.getClass().getName());
      }
    }).invalidRequestHandler(req -> {
      MultiMap headers = req.response().headers();
      headers.add(HttpHeaders.SERVER, serverName);
      headers.add(HttpHeaders.DATE, date.value());
      if (meters == null) {
        InvalidRequests.handle(req);
        return;
      }
      long t0 = System.nanoTime(); // no route: counted as NO_ROUTE, _OTHER when the method is not known
      meters.begin();
      req.response().endHandler(v -> { // before the response's last bytes leave, as for every request
        meters.noRoute(req.method() == null ? null : req.method().name())
            .record(req.response().getStatusCode(), 0, req.response().bytesWritten(), System.nanoTime() - t0);
        meters.end();
      });
      InvalidRequests.handle(req);
    }).requestHandler(req -> {
      MultiMap headers = req.response().headers();
      headers.add(HttpHeaders.SERVER, serverName);
      headers.add(HttpHeaders.DATE, date.value());
      if (observe != null) {
        observe.begin(req); // request id, access log: before anything can answer
      }
      if (http2Tags != null && req.version() == HttpVersion.HTTP_2) {
        http2Tags.watch(req); // a strong ETag gets the coding Vert.x's compressor applies
      }
      if (perRequest != null && perRequest.handle(req)) {
        return; // answered by an app-wide stage (a CORS preflight)
      }
      if (direct == null || !direct.handle(req)) {
        router.handle(req);
      }
    });
    return server.listen(port, options.host());
  }

  /** This loop's server (after start), for certificate reloads. */
  HttpServer server() {
    return server;
  }

  /** The bound port (after start). */
  int actualPort() {
    return server.actualPort();
  }

  /**
   * Stops accepting and lets in-flight requests finish for up to {@code timeoutMs}; their
   * responses carry {@code Connection: close}.
   */
  Future<Void> shutdown(long timeoutMs) {
    if (connections != null) {
      connections.drain();
    }
    Future<Void> ended = openStreams == null ? Future.succeededFuture() : openStreams.drain(context);
    Future<Void> stopped = server == null ? ended : ended.compose(v -> server.shutdown(timeoutMs, TimeUnit.MILLISECONDS));
    return observe == null ? stopped : stopped.eventually(() -> {
      io.vertx.core.Promise<Void> flushed = io.vertx.core.Promise.promise();
      context.runOnContext(v -> { // the access log's last lines, on the loop that holds them
        observe.flush();
        flushed.complete();
      });
      return flushed.future();
    });
  }
}
