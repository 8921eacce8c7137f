package io.vivace.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.cache.Caches;
import io.vivace.cache.Redis;
import io.vivace.cache.testing.TestRedis;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auth module's login throttle and the caches share the app's one Redis client, and the
 * throttle degrades like the caches: Redis down at start does not stop the app, logins work, and
 * throttling counts in the process until Redis is back.
 */
class SharedRedisTest {
  static final String SECRET = "shared-redis-test-secret-0123456789abcdef";

  static String creds(String email) {
    return "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}";
  }

  /** An app with the auth module (throttle store from REDIS_URL) and caches, on {@code redisUrl}. */
  static TestServer start(String redisUrl, DatabaseUrl db, int ipAttempts, Caches[] caches) {
    System.setProperty("vivace.redis-url", redisUrl); // wins over the environment's REDIS_URL
    try {
      App app = Vivace.app(TestServer.options());
      Database database = Database.attach(app, new DbOptions().url(db).migrate(false));
      Auth auth = Auth.attach(app, new AuthOptions().secret(SECRET).argon2(1024, 1, 1).ipLimit(ipAttempts, 60));
      AuthModule.mount(app, database, auth);
      caches[0] = Caches.attach(app);
      assertSame(caches[0].redis(), Redis.shared(app), "one client per app");
      return TestServer.started(app);
    } finally {
      System.clearProperty("vivace.redis-url");
    }
  }

  @Test
  void redisDownAtStartTheAppStartsLoginsWorkAndThrottlingCountsInTheProcess() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DatabaseUrl db = TestDatabase.fresh();
    Caches[] caches = new Caches[1];
    try (TestServer server = start("redis://127.0.0.1:" + closed, db, 3, caches)) {
      assertFalse(caches[0].redis().up());
      assertEquals(201, server.postJson("/auth/signup", creds("down@example.com")).statusCode());
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = server.postJson("/auth/login", creds("down@example.com"));
        assertEquals(200, ok.statusCode(), ok.body());
      }
      HttpResponse<String> throttled = server.postJson("/auth/login", creds("down@example.com"));
      assertEquals(429, throttled.statusCode(), "the in-process limit holds: " + throttled.body());
      assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    } finally {
      TestDatabase.drop(db);
    }
  }

  @Test
  void theCachesAndTheThrottleUseOneClientAndItsConnections() throws Exception {
    String name = "vivace-shared-" + UUID.randomUUID().toString().substring(0, 8);
    String url = TestRedis.url();
    DatabaseUrl db = TestDatabase.fresh();
    Caches[] caches = new Caches[1];
    RedisClient raw = RedisClient.create(url);
    try (TestServer server = start(url + (url.contains("?") ? "&" : "?") + "clientName=" + name, db, 1000, caches);
         StatefulRedisConnection<String, String> c = raw.connect()) {
      assertTrue(caches[0].redis().up());
      String email = "shared-" + UUID.randomUUID() + "@example.com";
      assertEquals(201, server.postJson("/auth/signup", creds(email)).statusCode());
      assertEquals(200, server.postJson("/auth/login", creds(email)).statusCode());
      assertEquals(401, server.postJson("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong password!\"}").statusCode());
      assertEquals(1L, c.sync().exists(AuthModule.DEFAULT_REDIS_PREFIX + "fail:" + ThrottleKeys.account(email)),
          "the throttle counted in Redis");
      long connections = Arrays.stream(c.sync().clientList().split("\n")).filter(l -> l.contains(" name=" + name + " ")).count();
      assertEquals(2, connections, "one command and one pub/sub connection for the whole app");
    } finally {
      raw.shutdown();
      TestDatabase.drop(db);
    }
  }
}
