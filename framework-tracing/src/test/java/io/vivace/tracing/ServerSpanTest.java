package io.vivace.tracing;

import static io.vivace.tracing.Spans.assertAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vivace.extract.Path;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.Traces;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server span of every request, against a real app and the real SDK (in-memory exporter): named
 * {@code {method} {route template}} on the static path and the router's, with the HTTP semantic
 * conventions' attributes, error status on 5xx only, its parent from an incoming
 * {@code traceparent}, and its context written on outbound calls ({@link Traces#inject}). Metrics
 * and the access log are off here, so tracing alone records the route.
 */
class ServerSpanTest {
  static TestServer server;
  /** Headers a handler wrote through Traces.inject, by request path. */
  static final Map<String, Map<String, String>> injected = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(Spans.traced().metrics(false)
        .observe(new ObserveOptions().tracing(true).trustedProxies("127.0.0.1")), app -> {
      app.get("/hello", () -> "hi"); // exact path, request extractors only: the static table
      app.get("/posts/:id", Path.longValue("id"), id -> "post " + id); // a pattern: the router
      app.get("/bad", () -> {
        throw new ProblemException(Problem.of(422, "no good"));
      });
      app.get("/boom", () -> {
        throw new IllegalStateException("boom");
      });
      app.get("/teapot", () -> Response.status(418));
      app.get("/call", () -> {
        Map<String, String> headers = new ConcurrentHashMap<>();
        Traces.inject(headers::put);
        injected.put("/call", headers);
        return "called";
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clean() {
    Spans.reset();
  }

  @Test
  void staticRouteSpanIsNamedByItsPathWithHttpAttributes() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/hello")).header("User-Agent", "span-test/1"));
    assertEquals(200, r.statusCode());
    SpanData span = Spans.server(server.app(), "GET /hello");
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals("io.vivace", span.getInstrumentationScopeInfo().getName());
    assertAttribute(span, "http.request.method", "GET");
    assertAttribute(span, "http.route", "/hello");
    assertAttribute(span, "http.response.status_code", 200L);
    assertAttribute(span, "url.path", "/hello");
    assertAttribute(span, "url.scheme", "http");
    assertAttribute(span, "server.address", "127.0.0.1");
    assertAttribute(span, "server.port", (long) server.port());
    assertAttribute(span, "client.address", "127.0.0.1");
    assertAttribute(span, "network.protocol.version", "1.1");
    assertAttribute(span, "user_agent.original", "span-test/1");
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertFalse(span.getParentSpanContext().isValid(), "a root span without traceparent");
    assertEquals("vivace-tracing-test", span.getResource().getAttributes().asMap().entrySet().stream()
        .filter(e -> e.getKey().getKey().equals("service.name")).findFirst().orElseThrow().getValue(),
        "the resource from otel.service.name");
  }

  @Test
  void routedSpanIsNamedByTheTemplateNeverTheRawPath() {
    assertEquals("post 42", server.get("/posts/42").body());
    SpanData span = Spans.server(server.app(), "GET /posts/:id");
    assertAttribute(span, "http.route", "/posts/:id");
    assertAttribute(span, "url.path", "/posts/42");
    assertAttribute(span, "http.response.status_code", 200L);
    assertTrue(Spans.all().stream().noneMatch(s -> s.getName().contains("42")), Spans.describe(Spans.all()));
  }

  @Test
  void headOfAGetRouteIsItsOwnMethod() {
    server.send(HttpRequest.newBuilder(server.uri("/posts/7")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    SpanData span = Spans.server(server.app(), "HEAD /posts/:id");
    assertAttribute(span, "http.request.method", "HEAD");
  }

  @Test
  void clientErrorsAreNotSpanErrors() {
    assertEquals(422, server.get("/bad").statusCode());
    SpanData bad = Spans.server(server.app(), "GET /bad");
    assertAttribute(bad, "http.response.status_code", 422L);
    assertEquals(StatusCode.UNSET, bad.getStatus().getStatusCode());
    assertAttribute(bad, "error.type", null);

    assertEquals(418, server.get("/teapot").statusCode());
    assertEquals(StatusCode.UNSET, Spans.server(server.app(), "GET /teapot").getStatus().getStatusCode());
  }

  @Test
  void serverErrorsAreSpanErrors() {
    assertEquals(500, server.get("/boom").statusCode());
    SpanData span = Spans.server(server.app(), "GET /boom");
    assertAttribute(span, "http.response.status_code", 500L);
    assertAttribute(span, "error.type", "500");
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
  }

  @Test
  void noRouteIsNamedByTheMethodAlone() {
    assertEquals(404, server.get("/nowhere/" + System.nanoTime()).statusCode());
    SpanData span = Spans.server(server.app(), "GET");
    assertAttribute(span, "http.route", null);
    assertAttribute(span, "http.response.status_code", 404L);
  }

  @Test
  void unknownMethodIsOther() {
    server.send(HttpRequest.newBuilder(server.uri("/hello")).method("BREW", HttpRequest.BodyPublishers.noBody()));
    SpanData span = Spans.server(server.app(), "HTTP");
    assertAttribute(span, "http.request.method", "_OTHER");
    assertAttribute(span, "http.request.method_original", "BREW");
  }

  @Test
  void incomingTraceparentIsTheParentOnBothPaths() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    for (String path : new String[] {"/hello", "/posts/5"}) {
      server.send(HttpRequest.newBuilder(server.uri(path))
          .header("traceparent", "00-" + traceId + "-" + parentId + "-01")
          .header("tracestate", "vendor=abc"));
    }
    for (String name : new String[] {"GET /hello", "GET /posts/:id"}) {
      SpanData span = Spans.server(server.app(), name);
      assertEquals(traceId, span.getTraceId(), name);
      assertEquals(parentId, span.getParentSpanId(), name);
      assertTrue(span.getParentSpanContext().isRemote(), name);
      assertEquals("abc", span.getSpanContext().getTraceState().get("vendor"), name + ": tracestate carried on");
    }
  }

  @Test
  void malformedTraceparentStartsANewTrace() {
    server.send(HttpRequest.newBuilder(server.uri("/hello")).header("traceparent", "00-zz-nope-01"));
    SpanData span = Spans.server(server.app(), "GET /hello");
    assertFalse(span.getParentSpanContext().isValid());
    assertEquals(32, span.getTraceId().length());
  }

  @Test
  void clientAddressBehindATrustedProxy() {
    server.send(HttpRequest.newBuilder(server.uri("/hello")).header("X-Forwarded-For", "203.0.113.9"));
    SpanData span = Spans.server(server.app(), "GET /hello");
    assertAttribute(span, "client.address", "203.0.113.9");
    assertAttribute(span, "network.peer.address", "127.0.0.1");
  }

  @Test
  void outboundCallsCarryTheRequestsContext() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    server.send(HttpRequest.newBuilder(server.uri("/call"))
        .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").header("tracestate", "k=v"));
    SpanData span = Spans.server(server.app(), "GET /call");
    Map<String, String> out = injected.get("/call");
    assertNotNull(out);
    assertEquals("00-" + traceId + "-" + span.getSpanId() + "-01", out.get("traceparent"),
        "the outbound call's parent is this request's server span");
    assertEquals("k=v", out.get("tracestate"));
  }
}
