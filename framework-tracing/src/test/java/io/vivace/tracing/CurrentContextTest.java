package io.vivace.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.context.SettableContextStorageProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry's own {@code Span.current()} and {@code Context.current()} inside a traced request:
 * the request's server span on its event loop, in a later callback of its futures and in a blocking
 * handler; a span started without a parent (as a library instrumented with the API does) is its
 * child; {@code makeCurrent()} holds for the request until its scope closes, and the request's
 * database and outbound calls nest under what it made current; nothing of one request is current
 * in the next, or on a thread outside requests (the database side: {@code DbSpanTest}).
 */
class CurrentContextTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Spans.traced().metrics(false).observe(new ObserveOptions().tracing(true)), app -> {
      // the app's SDK exists once it has started: looked up per request (before, it is the no-op one)
      java.util.function.Supplier<Tracer> tracer = () -> Tracing.openTelemetry(app).getTracer("current-context-test");
      app.get("/loop", () -> Span.current().getSpanContext().getSpanId());
      app.get("/later", () -> app.vertx().timer(20, TimeUnit.MILLISECONDS)
          .map(x -> Span.current().getSpanContext().getSpanId()));
      app.get("/blocking", () -> Thread.currentThread().getName().contains("eventloop") ? "on the event loop"
          : Span.current().getSpanContext().getSpanId()).blocking();
      app.get("/library", () -> { // what an instrumented library does: no explicit parent
        Span child = tracer.get().spanBuilder("library call").startSpan();
        child.end();
        return child.getSpanContext().getSpanId();
      });
      app.get("/scoped", () -> {
        Span child = tracer.get().spanBuilder("scoped work").startSpan();
        String inside;
        String injected;
        try (Scope s = child.makeCurrent()) {
          inside = Span.current().getSpanContext().getSpanId();
          java.util.Map<String, String> headers = new java.util.HashMap<>();
          io.vivace.observe.Traces.inject(headers::put);
          injected = headers.get("traceparent");
        } finally {
          child.end();
        }
        String after = Span.current().getSpanContext().getSpanId();
        return inside + " " + injected + " " + after + " " + child.getSpanContext().getSpanId();
      });
      app.get("/leak", () -> { // makes a span current and never closes its scope
        tracer.get().spanBuilder("left open").startSpan().makeCurrent();
        return "leaked";
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
  void thisModuleIsOpenTelemetrysOnlyContextStorageProvider() {
    List<ContextStorageProvider> providers = ServiceLoader.load(ContextStorageProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        // the SDK's testing jar (on this test class path) has one that OpenTelemetry itself skips
        .filter(p -> !p.getClass().getName().equals("io.opentelemetry.sdk.testing.context.SettableContextStorageProvider"))
        .toList();
    assertEquals(1, providers.size(), providers.toString());
    // OpenTelemetry picks the SDK testing jar's settable storage when it is present (as here), which
    // delegates to the one provider it finds besides itself: ours
    ContextStorage used = ContextStorage.get().getClass().getName().startsWith(SettableContextStorageProvider.class.getName())
        ? SettableContextStorageProvider.getContextStorage() : ContextStorage.get();
    assertEquals("io.vivace.tracing.impl.RequestContextStorage", used.getClass().getName());
  }

  @Test
  void spanCurrentIsTheRequestsServerSpanOnItsEventLoop() {
    String id = server.get("/loop").body();
    assertEquals(Spans.server(server.app(), "GET /loop").getSpanId(), id);
  }

  @Test
  void inALaterCallbackOfTheRequestsFutures() {
    String id = server.get("/later").body();
    assertEquals(Spans.server(server.app(), "GET /later").getSpanId(), id);
  }

  @Test
  void inABlockingHandler() {
    String id = server.get("/blocking").body();
    assertEquals(Spans.server(server.app(), "GET /blocking").getSpanId(), id);
  }

  @Test
  void aSpanStartedWithoutAParentIsAChildOfTheRequest() {
    String childId = server.get("/library").body();
    SpanData http = Spans.server(server.app(), "GET /library");
    SpanData child = Spans.await(server.app(), s -> s.getName().equals("library call"), "library call");
    assertEquals(childId, child.getSpanId());
    assertNotEquals(http.getSpanId(), childId);
    assertEquals(http.getTraceId(), child.getTraceId());
    assertEquals(http.getSpanId(), child.getParentSpanId());
  }

  @Test
  void makeCurrentHoldsUntilItsScopeClosesAndOutboundCallsCarryIt() {
    String[] parts = server.get("/scoped").body().split(" ");
    SpanData http = Spans.server(server.app(), "GET /scoped");
    String childId = parts[3];
    assertNotEquals(http.getSpanId(), childId, "a span of its own");
    assertEquals(childId, parts[0], "inside the scope: the child");
    assertTrue(parts[1].startsWith("00-" + http.getTraceId() + "-" + childId + "-"), "traceparent of an outbound call: the child, " + parts[1]);
    assertEquals(http.getSpanId(), parts[2], "after the scope: the server span again");
  }

  @Test
  void nothingOfOneRequestIsCurrentInTheNextOrOutsideRequests() {
    assertEquals("leaked", server.get("/leak").body());
    String id = server.get("/loop").body();
    assertEquals(Spans.server(server.app(), "GET /loop").getSpanId(), id, "the next request sees its own span");
    assertFalse(Span.current().getSpanContext().isValid(), "the test's thread: no request, no span");
    CompletableFuture<Context> onLoop = new CompletableFuture<>();
    server.app().vertx().runOnContext(v -> onLoop.complete(Context.current())); // an event loop, outside requests
    Context outside = onLoop.join();
    assertFalse(Span.fromContext(outside).getSpanContext().isValid(), "an event loop outside requests: root");
    assertNotEquals(id, Span.fromContext(outside).getSpanContext().getSpanId());
  }

  @Test
  void outsideRequestsMakeCurrentIsThreadLocalAsOpenTelemetrysOwn() {
    Span span = Tracing.openTelemetry(server.app()).getTracer("t").spanBuilder("outside").startSpan();
    try (Scope s = span.makeCurrent()) {
      assertEquals(span.getSpanContext().getSpanId(), Span.current().getSpanContext().getSpanId());
    } finally {
      span.end();
    }
    assertFalse(Span.current().getSpanContext().isValid());
  }
}
