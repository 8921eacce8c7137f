package io.vivace.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The statistics route: every registered cache's counters as JSON. */
class CachesTest {
  @Test
  void statsRouteServesTheCountersOfEveryRegisteredCache() {
    AtomicReference<Cache<Integer, String>> holder = new AtomicReference<>();
    try (TestServer server = TestServer.start(app -> {
      Caches caches = Caches.attach(app, null);
      assertNull(caches.redis(), "no Redis tier without options");
      holder.set(caches.register(Cache.<Integer, String>builder("numbers").build()));
      caches.statsRoute("/metrics/caches", true);
      app.get("/n", () -> holder.get().get(1, k -> Future.succeededFuture("one")));
    })) {
      server.get("/n");
      server.get("/n");
      HttpResponse<String> r = server.get("/metrics/caches");
      assertEquals(200, r.statusCode(), r.body());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> all = (List<Map<String, Object>>) JsonTree.parse(r.body());
      assertEquals(1, all.size());
      assertEquals("numbers", all.get(0).get("name"));
      @SuppressWarnings("unchecked")
      Map<String, Object> l1 = (Map<String, Object>) all.get(0).get("l1");
      assertEquals(1L, l1.get("hits"));
      assertEquals(1L, l1.get("misses"));
      assertEquals(1L, l1.get("loads"));
      assertNull(all.get(0).get("l2"));
    }
  }

  @Test
  void theStatsRouteIsOffUnlessTheSettingTurnsItOn() {
    String property = io.vivace.config.Config.propertyName(Caches.STATS_ROUTE_SETTING);
    assertEquals("vivace.cache-stats-route", property);
    try (TestServer server = TestServer.start(app -> {
      Caches caches = Caches.attach(app, null);
      caches.register(Cache.<Integer, String>builder("secret-sizes").build());
      caches.statsRoute("/metrics/caches");
    })) {
      assertEquals(404, server.get("/metrics/caches").statusCode(), "not served by default");
    }
    System.setProperty(property, "true");
    try (TestServer server = TestServer.start(app -> {
      Caches caches = Caches.attach(app, null);
      caches.register(Cache.<Integer, String>builder("sizes").build());
      caches.statsRoute("/metrics/caches");
    })) {
      assertEquals(200, server.get("/metrics/caches").statusCode());
    } finally {
      System.clearProperty(property);
    }
    System.setProperty(property, "sometimes");
    try {
      io.vivace.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(io.vivace.config.ConfigException.class,
          () -> Caches.attach(io.vivace.Vivace.app(), null).statsRoute("/metrics/caches"));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("CACHE_STATS_ROUTE"), e.getMessage());
    } finally {
      System.clearProperty(property);
    }
  }
}
