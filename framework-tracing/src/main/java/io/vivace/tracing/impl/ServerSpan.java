package io.vivace.tracing.impl;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vivace.observe.ClientAddress;
import io.vivace.observe.Tracer;
import java.util.function.BiConsumer;

/**
 * The server span of one request (OpenTelemetry HTTP server semantic conventions): begun before
 * dispatch with the method as its name, renamed {@code {method} {route}} and given its attributes
 * when the response has ended. A span the sampler dropped gets no attributes and is not ended (it
 * records nothing), but still carries its trace context. Begun and ended on the request's event
 * loop; {@link #context()} and {@link #inject} from any thread.
 */
public final class ServerSpan implements Tracer.RequestSpan {
  private final OtelTracer tracer;
  private final Span span;
  private final Context parent;
  private final TextMapPropagator propagator;
  private final boolean recording;
  /** The method as recorded (a known one, else null: {@code _OTHER}). */
  private final String method;
  /** {@code parent} with this span, made on first use (racy but idempotent: contexts are immutable). */
  private Context context;
  /**
   * The context made current within this request ({@code Context.makeCurrent()} on its event loop
   * or worker thread), or null: then {@link #context()} is current. Written by one thread at a time
   * (a request runs on one thread at a time), read by the next.
   */
  private volatile Context attached;

  ServerSpan(OtelTracer tracer, Span span, Context parent, TextMapPropagator propagator, String method) {
    this.tracer = tracer;
    this.span = span;
    this.parent = parent;
    this.propagator = propagator;
    this.method = method;
    this.recording = span.isRecording();
  }

  /** The OpenTelemetry context of this request: its parent's, with this span. */
  public Context context() {
    Context c = context;
    if (c == null) {
      c = parent.with(span);
      context = c;
    }
    return c;
  }

  /** The request's current OpenTelemetry context: the one made current within it, else {@link #context()}. */
  public Context current() {
    Context a = attached;
    return a != null ? a : context();
  }

  /**
   * Makes {@code toAttach} the request's current context until the returned scope is closed, which
   * restores the one before (scopes close in reverse order of opening, as OpenTelemetry requires).
   */
  Scope attach(Context toAttach) {
    Context before = attached;
    if (toAttach == (before != null ? before : context())) {
      return Scope.noop();
    }
    attached = toAttach;
    return () -> attached = before;
  }

  @Override
  public boolean recording() {
    return recording;
  }

  @Override
  public String traceId() {
    return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
  }

  @Override
  public void inject(BiConsumer<String, String> header) {
    propagator.inject(current(), header, Setter.INSTANCE);
  }

  /** Sets request attributes: called once, right after the span began, when it is recording. */
  void began(HttpServerRequest req) {
    span.setAttribute(SemConv.HTTP_REQUEST_METHOD, method != null ? method : "_OTHER");
    if (method == null) {
      span.setAttribute(SemConv.HTTP_REQUEST_METHOD_ORIGINAL, req.method().name());
    }
    span.setAttribute(SemConv.URL_PATH, req.path());
    span.setAttribute(SemConv.URL_SCHEME, req.isSSL() ? "https" : "http");
  }

  @Override
  public void end(HttpServerRequest req, String route) {
    if (!recording) {
      return;
    }
    HttpServerResponse resp = req.response();
    int status = resp.getStatusCode();
    if (route != null) {
      span.setAttribute(SemConv.HTTP_ROUTE, route);
      span.updateName(tracer.spanName(method, route));
    }
    span.setAttribute(SemConv.HTTP_RESPONSE_STATUS_CODE, status);
    HostAndPort authority = req.authority();
    if (authority != null) {
      span.setAttribute(SemConv.SERVER_ADDRESS, authority.host());
      if (authority.port() > 0) {
        span.setAttribute(SemConv.SERVER_PORT, authority.port());
      }
    }
    span.setAttribute(SemConv.CLIENT_ADDRESS, ClientAddress.of(req));
    SocketAddress peer = req.remoteAddress();
    if (peer != null) {
      span.setAttribute(SemConv.NETWORK_PEER_ADDRESS, peer.hostAddress());
    }
    span.setAttribute(SemConv.NETWORK_PROTOCOL_VERSION, protocol(req));
    String agent = req.getHeader("user-agent");
    if (agent != null) {
      span.setAttribute(SemConv.USER_AGENT_ORIGINAL, agent);
    }
    if (status >= 500) { // a 4xx is the client's mistake, not the server's (HTTP server conventions)
      span.setAttribute(SemConv.ERROR_TYPE, Integer.toString(status));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private static String protocol(HttpServerRequest req) {
    switch (req.version()) {
      case HTTP_1_0:
        return "1.0";
      case HTTP_2:
        return "2";
      default:
        return "1.1";
    }
  }

  /** Writes a header through the caller's consumer. */
  private enum Setter implements TextMapSetter<BiConsumer<String, String>> {
    INSTANCE;

    @Override
    public void set(BiConsumer<String, String> carrier, String key, String value) {
      if (carrier != null) {
        carrier.accept(key, value);
      }
    }
  }
}
