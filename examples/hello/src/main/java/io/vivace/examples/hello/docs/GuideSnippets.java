package io.vivace.examples.hello.docs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.compression.CompressionOptions;
import io.vivace.config.VivaceOptions;
import io.vivace.cors.CorsOptions;
import io.vivace.headers.SecurityHeadersOptions;
import io.vivace.examples.hello.Note;
import io.vertx.core.http.HttpHeaders;
import io.vivace.extract.Cookie;
import io.vivace.extract.RequestExtractor;
import io.vivace.filter.Filter;
import io.vivace.extract.Header;
import io.vivace.extract.Query;
import io.vivace.metrics.Metrics;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Pagination;
import io.vivace.problem.ProblemException;
import io.vivace.response.Envelope;
import io.vivace.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The code the guides in {@code docs/} quote, kept here so the build compiles it. Each
 * {@code tag::name[]} region appears verbatim in a guide; {@code DocsSnippetsTest} checks that the
 * two stay the same.
 */
public final class GuideSnippets {
  private GuideSnippets() {
  }

  static App options() {
    // tag::options[]
    App app = Vivace.app(new VivaceOptions()
        .port(9000)
        .eventLoops(4)
        .maxBodySize(64 * 1024)      // bytes; larger bodies get 413
        .idleTimeoutSeconds(30)
        .healthPath("/status"));     // or null to turn the health route off
    // end::options[]
    return app;
  }

  static void extractors(App app) {
    // tag::extractors[]
    app.get("/search",
        Query.string("q"),                                        // required: 400 "is required" when absent
        Query.intValue("limit").orElse(20).check(n -> n <= 50, "at most 50"),
        Query.of("since", LocalDate::parse, "a date like 2026-01-31").optional(),
        (q, limit, since) -> "q=" + q + " limit=" + limit + " since=" + since.map(LocalDate::toString).orElse("-"));
    app.get("/me", Header.string("X-Api-Key"), Cookie.string("session").optional(),
        (key, session) -> "key " + key.length() + " chars, session " + session.isPresent());
    // end::extractors[]
  }

  static void keyset(App app, List<Note> notes) {
    // tag::keyset[]
    app.get("/feed", Pagination.keyset(), page -> {
      long after = page.first() ? 0 : Long.parseLong(page.position());
      List<Note> items = notes.stream().filter(n -> n.id() > after).limit(page.limit()).toList();
      String next = items.size() < page.limit() ? null : CursorRequest.cursorOf(Long.toString(items.get(items.size() - 1).id()));
      return Response.ok(items).header("X-Next-Cursor", next == null ? "" : next);
    });
    // end::keyset[]
  }

  static void responses(App app) {
    // tag::responses[]
    app.post("/jobs", () -> Response.status(202).header("Location", "/jobs/1").body("queued"));
    app.delete("/jobs/:id", Response::noContent);
    app.get("/wrapped", () -> Envelope.success(List.of(1, 2, 3)));   // {"success":true,"data":[1,2,3]}
    // end::responses[]
  }

  static void problems(App app) {
    // tag::problems[]
    app.put("/names/:name", io.vivace.extract.Path.string("name"), name -> {
      if (name.equals("admin")) {
        throw ProblemException.conflict("The name 'admin' is reserved.");   // 409 problem+json
      }
      return Response.noContent();
    });
    // end::problems[]
  }

  static void health(App app) {
    // tag::health[]
    app.health().check("clock", () -> System.currentTimeMillis() > 0
        ? Future.succeededFuture()
        : Future.failedFuture("clock is broken"));
    // end::health[]
  }

  static void readiness(App app) {
    // tag::readiness[]
    app.health().readiness("search", 500, () -> searchIndexOpen()  // ms; called on an event loop, must not block
        ? Future.succeededFuture()
        : Future.failedFuture("the search index is not open yet"));
    // end::readiness[]
  }

  private static boolean searchIndexOpen() {
    return true;
  }

  static void metrics(App app) {
    // tag::metrics[]
    AtomicReference<Counter> greetings = new AtomicReference<>();
    app.onStart(vertx -> {
      MeterRegistry registry = Metrics.registry(app);                // null when VIVACE_METRICS=false
      if (registry != null) {
        greetings.set(Counter.builder("hello.greetings").register(registry)); // once, never per request
      }
      return Future.succeededFuture();
    });
    app.get("/greet", () -> {
      Counter c = greetings.get();
      if (c != null) {
        c.increment();                                               // hello_greetings_total on /metrics
      }
      return "hello";
    });
    // end::metrics[]
  }

  static void browsers(App app) {
    // tag::cors[]
    app.cors(new CorsOptions()
        .origins("https://app.example.com", "https://*.preview.example.com")   // or VIVACE_CORS_ORIGINS
        .credentials(true)                                                      // cookies: never with "*"
        .exposedHeaders(List.of("ETag", "Link", "Location")));
    app.securityHeaders(new SecurityHeadersOptions().enabled(true)
        .referrerPolicy("strict-origin-when-cross-origin"));
    app.compression(new CompressionOptions().enabled(true).minSizeBytes(1024));
    // end::cors[]
  }

  /** The header a filter adds, pre-encoded once. */
  static final CharSequence X_SERVED_BY = HttpHeaders.createOptimized("X-Served-By");
  static final CharSequence GUIDES = HttpHeaders.createOptimized("guides");

  static void filters(App app, LongAdder slowRequests) {
    // tag::filters[]
    // before: answer early (a Response, or throw a ProblemException) or return null to go on
    app.filter(Filter.before(ex -> "GET".equals(ex.header("X-Deny")) ? Response.status(403) : null));
    // around: add a header, and observe status, bytes and duration once the response is written
    app.filter((ex, next) -> {
      ex.responseHeader(X_SERVED_BY, GUIDES);
      ex.onEnd((e, status, bytes, nanos) -> {
        if (nanos > 100_000_000) {
          slowRequests.increment();
        }
      });
      return next.proceed();
    });
    // after: sees the value once known (a Future's or CompletionStage's too), may replace it
    app.get("/shout", () -> Future.succeededFuture("hello"))
        .filter(Filter.after((ex, result) -> result instanceof String s ? s.toUpperCase() : result));
    // end::filters[]
  }

  static void groups(App app) {
    RequestExtractor<String> adminKey = req -> {
      String key = req.getHeader("X-Admin-Key");
      if (!"secret".equals(key)) {
        throw ProblemException.of(403, "The admin key is required.");
      }
      return key;
    };
    // tag::groups[]
    app.group("/admin", admin -> {
      admin.require(adminKey);                       // every route of the group: 403 before its handler
      admin.timeout(Duration.ofSeconds(2));          // the group's default request timeout
      admin.get("/stats", () -> List.of(1, 2, 3));   // GET /admin/stats
      admin.group("/jobs", jobs -> jobs.delete("/:id", io.vivace.extract.Path.longValue("id"), id -> Response.noContent()));
    });
    app.get("/report", () -> new java.util.concurrent.CompletableFuture<String>())
        .timeout(Duration.ofMillis(250));            // never completes: 503 after 250 ms
    // end::groups[]
  }

  static void sixExtractors(App app) {
    // tag::six-extractors[]
    app.get("/range", Query.string("from"), Query.string("to"), Query.intValue("step").orElse(1),
        Query.string("unit").orElse("day"), Header.string("X-Zone").orElse("UTC"), Pagination.offset(),
        (from, to, step, unit, zone, page) -> from + ".." + to + " every " + step + " " + unit + " in " + zone
            + ", page " + page.page());
    // end::six-extractors[]
  }
}
