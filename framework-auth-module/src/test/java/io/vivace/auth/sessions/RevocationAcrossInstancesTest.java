package io.vivace.auth.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.cache.Redis;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A revocation on one instance is refused by the others through the shared Redis: at once by those
 * running (pub/sub into their in-memory deny-lists), and by an instance started later (loaded from
 * Redis at start). Real PostgreSQL and Redis.
 */
class RevocationAcrossInstancesTest {
  static final String SECRET = "revocation-test-secret-0123456789abcdef0123";

  static final io.vivace.auth.testing.RedisInstances INSTANCES = new io.vivace.auth.testing.RedisInstances();

  static TestServer start(DatabaseUrl db) {
    return INSTANCES.start(app -> {
      Database database = Database.attach(app, new DbOptions().url(db).migrate(false));
      Auth auth = Auth.attach(app, new AuthOptions().secret(SECRET).argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60));
      AuthModule.mount(app, database, auth);
    });
  }

  static int me(TestServer server, Object token) {
    return server.send(HttpRequest.newBuilder(server.uri("/auth/me")).header("Authorization", "Bearer " + token)).statusCode();
  }

  @Test
  void revokedOnOneInstanceRefusedOnEveryOther() throws Exception {
    DatabaseUrl db = TestDatabase.fresh();
    try (TestServer a = start(db); TestServer b = start(db)) {
      String creds = "{\"email\":\"multi@example.com\",\"password\":\"long enough password\"}";
      assertEquals(201, a.postJson("/auth/signup", creds).statusCode());
      HttpResponse<String> login = a.postJson("/auth/login", creds);
      Map<String, Object> pair = JsonTree.object(login.body());
      Object token = pair.get("accessToken");
      assertEquals(200, me(b, token), "the token works on the other instance");
      assertEquals(200, me(b, token), "and sits in its verified-token cache");
      assertEquals(204, a.send(HttpRequest.newBuilder(a.uri("/auth/sessions")).DELETE()
          .header("Authorization", "Bearer " + token)).statusCode());
      assertEquals(401, me(a, token));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int status;
      while ((status = me(b, token)) != 401 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(401, status, "published to the other instance");
      // Stored in Redis until the token's exp.
      String jti = new String(java.util.Base64.getUrlDecoder().decode(((String) token).split("\\.")[1]), StandardCharsets.UTF_8);
      assertTrue(jti.contains("\"jti\""), jti);
      try (TestServer c = start(db)) {
        assertEquals(401, me(c, token), "an instance started later loads the deny-list from Redis");
      }
    } finally {
      TestDatabase.drop(db);
    }
  }
}
