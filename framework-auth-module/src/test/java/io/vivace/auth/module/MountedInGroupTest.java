package io.vivace.auth.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.filter.Filter;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module mounted under a group: the group's prefix and filters apply to its routes. */
class MountedInGroupTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    MutableClock clock = new MutableClock(Instant.now());
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("group-test-secret-0123456789abcdef0123456")
        .argon2(1024, 1, 1).accessTtl(300).refreshTtl(3600), clock);
    app.group("/api/v1", v1 -> {
      v1.filter(Filter.before(ex -> {
        ex.responseHeader("X-Api-Version", "1");
        return null;
      }));
      AuthModule.mount(app, v1, db, auth, "/auth", ThrottleStore.inProcess(clock));
    });
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @Test
  void theModulesRoutesAreUnderTheGroupWithItsFilters() {
    String creds = "{\"email\":\"grouped@example.com\",\"password\":\"long enough password\"}";
    HttpResponse<String> signup = server.postJson("/api/v1/auth/signup", creds);
    assertEquals(201, signup.statusCode(), signup.body());
    assertEquals("1", signup.headers().firstValue("X-Api-Version").orElseThrow());
    HttpResponse<String> login = server.postJson("/api/v1/auth/login", creds);
    assertEquals(200, login.statusCode(), login.body());
    Object access = JsonTree.object(login.body()).get("accessToken");
    HttpResponse<String> me = server.send(HttpRequest.newBuilder(server.uri("/api/v1/auth/me"))
        .header("Authorization", "Bearer " + access));
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("1", me.headers().firstValue("X-Api-Version").orElseThrow());
    assertEquals(404, server.postJson("/auth/login", creds).statusCode(), "not mounted at the root");
  }
}
