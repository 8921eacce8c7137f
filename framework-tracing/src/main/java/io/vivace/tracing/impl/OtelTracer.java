package io.vivace.tracing.impl;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vivace.observe.Tracer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Vivace's {@link Tracer} on the OpenTelemetry SDK: server spans (kind {@code SERVER}) whose parent
 * comes from the request's headers through the app's propagators (W3C Trace Context and Baggage by
 * default, {@code OTEL_PROPAGATORS}), and client spans (kind {@code CLIENT}) under them. Per
 * request it reads the trace headers, asks the sampler and, only for a sampled span, sets
 * attributes: a dropped span costs the header look-up, its ids and two small objects. Thread-safe.
 */
public final class OtelTracer implements Tracer {
  /** The instrumentation scope of Vivace's spans: {@value}. */
  public static final String SCOPE = "io.vivace";
  /** How long {@link #close()} lets the exporter send what is pending, ms: {@value}. */
  static final long CLOSE_TIMEOUT_MS = 5_000;
  /** RFC 9110's methods and PATCH (RFC 5789): the only {@code http.request.method} values; others are {@code _OTHER}. */
  private static final HttpMethod[] KNOWN = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT};

  private final OpenTelemetrySdk sdk;
  private final io.opentelemetry.api.trace.Tracer tracer;
  private final TextMapPropagator propagator;
  /** {@code "{method} {route}"} by route, per method of {@link #KNOWN} and then {@code HTTP}: made once each. */
  private final java.util.concurrent.ConcurrentHashMap<String, String>[] names = names();

  @SuppressWarnings("unchecked")
  private static java.util.concurrent.ConcurrentHashMap<String, String>[] names() {
    java.util.concurrent.ConcurrentHashMap<String, String>[] n = new java.util.concurrent.ConcurrentHashMap[KNOWN.length + 1];
    for (int i = 0; i < n.length; i++) {
      n[i] = new java.util.concurrent.ConcurrentHashMap<>();
    }
    return n;
  }

  /** The server span name of {@code method} (null: not a known one) and {@code route}, made once per pair. */
  String spanName(String method, String route) {
    int i = KNOWN.length;
    if (method != null) {
      for (int k = 0; k < KNOWN.length; k++) {
        if (KNOWN[k].name().equals(method)) {
          i = k;
          break;
        }
      }
    }
    String prefix = method != null ? method : "HTTP";
    return names[i].computeIfAbsent(route, r -> prefix + ' ' + r);
  }

  OtelTracer(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracer = sdk.getTracer(SCOPE);
    this.propagator = sdk.getPropagators().getTextMapPropagator();
  }

  /** The SDK (for {@link io.vivace.tracing.Tracing#openTelemetry}). */
  public OpenTelemetry sdk() {
    return sdk;
  }

  @Override
  public RequestSpan server(HttpServerRequest req) {
    Context parent = propagator.extract(Context.root(), req, Headers.INSTANCE);
    String method = known(req.method());
    Span span = tracer.spanBuilder(method != null ? method : "HTTP").setParent(parent).setSpanKind(SpanKind.SERVER)
        .startSpan();
    ServerSpan s = new ServerSpan(this, span, parent, propagator, method);
    if (s.recording()) {
      s.began(req);
    }
    return s;
  }

  @Override
  public ClientSpan database(RequestSpan parent, String system, String namespace, String sql, String serverAddress,
      int serverPort, int batchSize) {
    if (!(parent instanceof ServerSpan) || !parent.recording()) {
      return null;
    }
    SqlSummary summary = SqlSummary.of(sql);
    io.opentelemetry.api.trace.SpanBuilder b = tracer.spanBuilder(summary.name())
        .setParent(((ServerSpan) parent).current()).setSpanKind(SpanKind.CLIENT)
        .setAttribute(SemConv.DB_SYSTEM_NAME, system)
        .setAttribute(SemConv.DB_SYSTEM, system)
        .setAttribute(SemConv.DB_OPERATION_NAME, batchSize > 0 ? "BATCH " + summary.operation() : summary.operation())
        .setAttribute(SemConv.DB_QUERY_SUMMARY, summary.name());
    if (namespace != null) {
      b.setAttribute(SemConv.DB_NAMESPACE, namespace);
    }
    if (summary.table() != null) {
      b.setAttribute(SemConv.DB_COLLECTION_NAME, summary.table());
    }
    if (batchSize > 0) {
      b.setAttribute(SemConv.DB_OPERATION_BATCH_SIZE, (long) batchSize);
    }
    server(b, serverAddress, serverPort);
    return new io.vivace.tracing.impl.ClientSpan(b.startSpan());
  }

  @Override
  public ClientSpan redis(RequestSpan parent, String command, int database, String serverAddress, int serverPort) {
    if (!(parent instanceof ServerSpan) || !parent.recording()) {
      return null;
    }
    io.opentelemetry.api.trace.SpanBuilder b = tracer.spanBuilder(command)
        .setParent(((ServerSpan) parent).current()).setSpanKind(SpanKind.CLIENT)
        .setAttribute(SemConv.DB_SYSTEM_NAME, "redis")
        .setAttribute(SemConv.DB_SYSTEM, "redis")
        .setAttribute(SemConv.DB_OPERATION_NAME, command)
        .setAttribute(SemConv.DB_NAMESPACE, Integer.toString(database));
    server(b, serverAddress, serverPort);
    return new io.vivace.tracing.impl.ClientSpan(b.startSpan());
  }

  private static void server(io.opentelemetry.api.trace.SpanBuilder b, String address, int port) {
    if (address != null) {
      b.setAttribute(SemConv.SERVER_ADDRESS, address);
    }
    if (port > 0) {
      b.setAttribute(SemConv.SERVER_PORT, (long) port);
    }
  }

  @Override
  public CompletionStage<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableResultCode shutdown = sdk.shutdown();
    shutdown.whenComplete(() -> done.complete(null));
    return done.completeOnTimeout(null, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** The method's name when it is one of {@link #KNOWN}, else null. */
  private static String known(HttpMethod m) {
    for (HttpMethod k : KNOWN) {
      if (k == m) {
        return k.name();
      }
    }
    for (HttpMethod k : KNOWN) {
      if (k.equals(m)) {
        return k.name();
      }
    }
    return null;
  }

  /** The request's headers for the propagators. */
  private enum Headers implements TextMapGetter<HttpServerRequest> {
    INSTANCE;

    @Override
    public Iterable<String> keys(HttpServerRequest req) {
      return req.headers().names();
    }

    @Override
    public String get(HttpServerRequest req, String key) {
      return req == null ? null : req.getHeader(key);
    }
  }
}
