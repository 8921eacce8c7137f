package io.vivace.server.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vivace.health.Health;
import io.vivace.json.Json;
import io.vivace.route.impl.Responder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Answers the health route from the registered {@link Health} checks. Called on the event loop. */
final class HealthRoute implements Handler<RoutingContext> {
  private final Health health;

  HealthRoute(Health health) {
    this.health = health;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Map<String, Supplier<Future<?>>> checks = health.checks();
    List<String> names = new ArrayList<>(checks.keySet());
    List<Future<?>> results = new ArrayList<>(names.size());
    for (String name : names) {
      Future<?> f;
      try {
        f = checks.get(name).get().timeout(Health.CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      results.add(f);
    }
    Future.join(results).onComplete(done -> {
      boolean up = true;
      Map<String, Object> byName = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        boolean ok = results.get(i).succeeded();
        up &= ok;
        byName.put(names.get(i), ok ? "UP" : "DOWN");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "UP" : "DOWN");
      if (!byName.isEmpty()) {
        body.put("checks", byName);
      }
      ctx.response().setStatusCode(up ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, Responder.APPLICATION_JSON)
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(Json.encode(body));
    });
  }
}
