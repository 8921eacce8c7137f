package io.vivace.route;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vivace.extract.Path;
import io.vivace.filter.Filter;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.response.Streamed;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of result on every kind of route (static, routed, blocking, and the static and routed
 * paths with a filter) is rendered by the one renderer with the same answer, and an answer always
 * comes: each request has a 3 s deadline, far below the idle timeout.
 */
class RenderMatrixTest {
  /** No JSON converter exists for this type. */
  public static final class Opaque {
  }

  record Kind(Supplier<Object> result, int status, String contentType, String body) {
  }

  static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("response", new Kind(() -> Response.status(202).header("X-Kind", "response").body("queued"), 202, "text/plain; charset=utf-8", "queued"));
    KINDS.put("string", new Kind(() -> "text", 200, "text/plain; charset=utf-8", "text"));
    KINDS.put("buffer", new Kind(() -> Buffer.buffer("raw"), 200, "application/octet-stream", "raw"));
    KINDS.put("json", new Kind(() -> List.of(1, 2), 200, "application/json", "[1,2]"));
    KINDS.put("optional", new Kind(() -> Optional.of("there"), 200, "text/plain; charset=utf-8", "there"));
    KINDS.put("optional-empty", new Kind(Optional::empty, 404, "application/problem+json", null));
    KINDS.put("null", new Kind(() -> null, 404, "application/problem+json", null));
    KINDS.put("future", new Kind(() -> Future.succeededFuture(List.of(3)), 200, "application/json", "[3]"));
    KINDS.put("future-failed", new Kind(() -> Future.failedFuture(new IllegalStateException("secret")), 500, "application/problem+json", null));
    KINDS.put("future-problem", new Kind(() -> Future.failedFuture(ProblemException.conflict("taken")), 409, "application/problem+json", null));
    KINDS.put("stage", new Kind(() -> CompletableFuture.completedFuture("staged"), 200, "text/plain; charset=utf-8", "staged"));
    KINDS.put("stage-async", new Kind(() -> CompletableFuture.supplyAsync(() -> List.of(4)), 200, "application/json", "[4]"));
    KINDS.put("stage-failed", new Kind(() -> CompletableFuture.failedFuture(new IllegalStateException("secret")), 500, "application/problem+json", null));
    KINDS.put("stage-async-failed", new Kind(() -> CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("secret");
    }), 500, "application/problem+json", null));
    KINDS.put("streamed", new Kind(() -> new Streamed() {
      @Override
      public String contentType() {
        return "application/x-ndjson";
      }

      @Override
      public Future<Void> writeTo(io.vertx.core.http.HttpServerResponse response) {
        response.write("{\"a\":1}\n");
        return response.end("{\"a\":2}\n");
      }
    }, 200, "application/x-ndjson", "{\"a\":1}\n{\"a\":2}\n"));
    KINDS.put("streamed-failed", new Kind(() -> new Streamed() {
      @Override
      public String contentType() {
        return "application/x-ndjson";
      }

      @Override
      public Future<Void> writeTo(io.vertx.core.http.HttpServerResponse response) {
        return Future.failedFuture(new IllegalStateException("secret"));
      }
    }, 500, "application/problem+json", null));
    KINDS.put("unencodable", new Kind(Opaque::new, 500, "application/problem+json", null));
    KINDS.put("future-unencodable", new Kind(() -> Future.succeededFuture(new Opaque()), 500, "application/problem+json", null));
    KINDS.put("stage-unencodable", new Kind(() -> CompletableFuture.supplyAsync(Opaque::new), 500, "application/problem+json", null));
    KINDS.put("throws", new Kind(() -> {
      throw new IllegalStateException("secret");
    }, 500, "application/problem+json", null));
    KINDS.put("throws-problem", new Kind(() -> {
      throw ProblemException.of(418, "teapot");
    }, 418, "application/problem+json", null));
  }

  static final List<String> PATHS = List.of("static", "routed", "blocking", "static-filtered", "routed-filtered", "blocking-filtered");
  static final Filter PASS = (ex, next) -> next.proceed();
  static TestServer server;
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer.options().idleTimeoutSeconds(60), app -> KINDS.forEach((name, kind) -> {
      Handler0<Object> h = () -> kind.result().get();
      Handler1<Integer, Object> p = id -> kind.result().get();
      app.get("/static/" + name, h);
      app.get("/routed/" + name + "/:id", Path.intValue("id"), p);
      app.get("/blocking/" + name, h).blocking();
      app.get("/static-filtered/" + name, h).filter(PASS);
      app.get("/routed-filtered/" + name + "/:id", Path.intValue("id"), p).filter(PASS);
      app.get("/blocking-filtered/" + name, h).blocking().filter(PASS);
    }));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyResultKindOnEveryPathIsAnsweredTheSameWithinTheDeadline() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, Kind> e : KINDS.entrySet()) {
      for (String path : PATHS) {
        String uri = "/" + path + "/" + e.getKey() + (path.startsWith("routed") ? "/1" : "");
        HttpResponse<String> r;
        try {
          r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + uri))
              .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException x) {
          wrong.add(uri + " -> no answer: " + x);
          continue;
        }
        checked++;
        Kind k = e.getValue();
        String type = r.headers().firstValue("content-type").orElse("");
        boolean ok = r.statusCode() == k.status() && type.equals(k.contentType())
            && (k.body() == null || k.body().equals(r.body()));
        if (ok && k.status() == 500) {
          String id = r.headers().firstValue("x-request-id").orElse("none");
          ok = id.equals(JsonTree.object(r.body()).get("request_id")) && !r.body().contains("secret");
        }
        if (ok && e.getKey().equals("response")) {
          ok = r.headers().firstValue("x-kind").isPresent();
        }
        if (!ok) {
          wrong.add(uri + " -> " + r.statusCode() + " " + type + " " + r.body());
        }
      }
    }
    assertTrue(wrong.isEmpty(), checked + " answered; wrong:\n" + String.join("\n", wrong));
    assertTrue(checked == KINDS.size() * PATHS.size(), "every combination answered: " + checked);
  }
}
