package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.cache.RedisOptions;
import io.vivace.cache.testing.Await;
import io.vivace.cache.testing.RawRedis;
import io.vivace.cache.testing.TestRedis;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TechEmpower cached queries, on Caffeine alone and on Caffeine + Redis, checked against the table. */
class CachedQueriesTest {
  static DatabaseUrl url;
  static Map<Integer, Integer> table = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    // The first app applies the migration; its rows are what every cached answer must equal.
    try (TestServer s = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH))) {
      assertEquals(200, s.get("/db").statusCode());
    }
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT id, randomnumber FROM world")) {
      while (rs.next()) {
        table.put(rs.getInt(1), rs.getInt(2));
      }
    }
    assertEquals(10_000, table.size());
  }

  @AfterAll
  static void drop() {
    TestDatabase.drop(url);
  }

  private static List<Map<String, Object>> worlds(TestServer server, String path) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get(path));
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status(), r.body());
      assertEquals("application/json", r.header("content-type"));
      assertTrue(r.header("date") != null && r.header("server") != null && r.header("content-length") != null);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) JsonTree.parse(r.body());
      for (Map<String, Object> w : list) {
        assertEquals(java.util.Set.of("id", "randomNumber"), w.keySet());
        int id = ((Number) w.get("id")).intValue();
        assertEquals(table.get(id), ((Number) w.get("randomNumber")).intValue(), "row " + id + " as in the table");
      }
      return list;
    }
  }

  @Test
  void cachedQueriesOnCaffeine() throws Exception {
    try (TestServer server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH))) {
      assertEquals(1, worlds(server, "/cached-queries").size());
      assertEquals(1, worlds(server, "/cached-queries?count=").size());
      assertEquals(1, worlds(server, "/cached-queries?count=foo").size());
      assertEquals(1, worlds(server, "/cached-queries?count=0").size());
      assertEquals(20, worlds(server, "/cached-queries?count=20").size());
      assertEquals(500, worlds(server, "/cached-queries?count=501").size());
      for (int i = 0; i < 10; i++) { // misses, then hits: every answer still equals the table
        assertEquals(500, worlds(server, "/cached-queries?count=500").size());
      }
    }
  }

  @Test
  void cachedQueriesOnTwoTiers() throws Exception {
    RedisOptions redis = TestRedis.options();
    try (TestServer server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH, redis));
         RawRedis raw = new RawRedis(redis.url())) {
      List<Map<String, Object>> first = worlds(server, "/cached-queries?count=20");
      assertEquals(20, first.size());
      int id = ((Number) first.get(0).get("id")).intValue();
      Await.until(Duration.ofSeconds(5), "row " + id + " in Redis", () -> raw.exists(redis.keyPrefix() + "worlds:" + id) == 1);
      assertEquals("{\"id\":" + id + ",\"randomNumber\":" + table.get(id) + "}", raw.get(redis.keyPrefix() + "worlds:" + id));
      assertEquals(100, worlds(server, "/cached-queries?count=100").size());
    }
  }
}
