package io.vivace.observe;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The tracing SPI: what a tracing module supplies (framework-tracing, {@code io.vivace:vivace-tracing},
 * on the OpenTelemetry SDK) and what the server, framework-db and framework-cache call. Core holds no
 * tracing library. With {@code VIVACE_TRACING=true} the app's start finds the one
 * {@link TracerProvider} through {@link java.util.ServiceLoader} and opens it; otherwise there is no
 * tracer ({@link Traces#of} is null) and nothing calls one: no per-request work at all.
 *
 * <p>The server begins one {@link RequestSpan} per request on its event loop before dispatch (static
 * and routed routes, 404s, 405s, preflights; not a head that fails to parse), keeps it in the
 * request's Vert.x context ({@link Traces#current}) and ends it when the response has ended.
 * Database statements and Redis commands sent while the request is served begin a
 * {@link ClientSpan} under it. Implementations are thread-safe.
 */
public interface Tracer {

  /**
   * Begins the server span of {@code req}, its parent taken from the request's trace context
   * headers (W3C {@code traceparent}/{@code tracestate}). Called once per request, on its event
   * loop, before any handler runs.
   *
   * @return never null; a span the sampler dropped is not {@link RequestSpan#recording()} but still
   *     carries the trace context (for log lines and outbound calls)
   */
  RequestSpan server(HttpServerRequest req);

  /**
   * Begins the client span of one database statement (or one batch) under {@code parent}. The span
   * carries the statement's operation and table, never its parameters. Any thread.
   *
   * @param system the database system as OpenTelemetry names it ({@code postgresql})
   * @param namespace the database name, or null
   * @param sql the statement as prepared (parameters are {@code $1}... placeholders, never values)
   * @param serverAddress the server's host, or null
   * @param serverPort the server's port, or 0
   * @param batchSize the number of parameter sets of a batch, or 0 for a single statement
   * @return null when nothing is recorded ({@code parent} is not recording)
   */
  ClientSpan database(RequestSpan parent, String system, String namespace, String sql, String serverAddress,
      int serverPort, int batchSize);

  /**
   * Begins the client span of one Redis command under {@code parent}: its name only (such as
   * {@code GET}), never its keys or arguments. Any thread.
   *
   * @param database the database index
   * @param serverAddress the server's host, or null
   * @param serverPort the server's port, or 0
   * @return null when nothing is recorded ({@code parent} is not recording)
   */
  ClientSpan redis(RequestSpan parent, String command, int database, String serverAddress, int serverPort);

  /** Exports what is pending and releases the exporter; the app calls it once, when it stops. */
  CompletionStage<Void> close();

  /** The span of one request, served or sent on. */
  interface RequestSpan {
    /** Whether the span is recorded (sampled); client spans are made only under a recording one. */
    boolean recording();

    /** The trace id: 32 lower-case hex digits (W3C Trace Context), or null when invalid. */
    String traceId();

    /**
     * Writes this span's trace context as request headers for an outbound call: {@code traceparent}
     * and, when there is one, {@code tracestate} (W3C Trace Context), through the app's propagators.
     */
    void inject(BiConsumer<String, String> header);

    /**
     * Ends the server span when {@code req}'s response has ended (or its connection closed): names it
     * after {@code route} and records the status. Called once, on the request's event loop.
     *
     * @param route the matched route template ({@code /posts/:id}), or null when none matched
     */
    void end(HttpServerRequest req, String route);
  }

  /** The span of one database statement or Redis command. */
  interface ClientSpan {
    /**
     * Ends the span when the answer (or the failure) has arrived. Any thread, once.
     *
     * @param failure the failure, or null on success; only its class is recorded (a message can
     *     hold values)
     * @param statusCode the server's status code (PostgreSQL's SQLSTATE), or null
     */
    void end(Throwable failure, String statusCode);
  }
}
