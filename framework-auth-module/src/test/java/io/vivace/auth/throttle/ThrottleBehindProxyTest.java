package io.vivace.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login and signup throttling count per client address as {@link io.vivace.observe.ClientAddress}
 * resolves it: behind a trusted proxy, per forwarded client; a client cannot pick its own counter
 * when its peer is not trusted.
 */
class ThrottleBehindProxyTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    // the test's requests come from 127.0.0.1, trusted here as the proxy
    App app = Vivace.app(TestServer.options().observe(new ObserveOptions().trustedProxies("127.0.0.1/32")));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("proxy-test-secret-0123456789abcdef012345")
        .argon2(1024, 1, 1).ipLimit(2, 60).signupLimit(1000, 60).lockoutAfter(100, 300, 600));
    AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(java.time.Clock.systemUTC()));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static int login(String forwardedHeader, String forwardedValue, String email) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"wrong password!!\"}"));
    if (forwardedHeader != null) {
      b.header(forwardedHeader, forwardedValue);
    }
    return server.send(b).statusCode();
  }

  @Test
  void eachForwardedClientHasItsOwnCounter() {
    assertEquals(401, login("X-Forwarded-For", "203.0.113.10", "a@example.com"));
    assertEquals(401, login("X-Forwarded-For", "203.0.113.10", "b@example.com"));
    assertEquals(429, login("X-Forwarded-For", "203.0.113.10", "c@example.com"), "the third login of that client");
    assertEquals(401, login("Forwarded", "for=203.0.113.11", "d@example.com"), "another client behind the same proxy");
    assertEquals(401, login("Forwarded", "for=\"[2001:db8::1]:1234\"", "e@example.com"));
    assertEquals(401, login("Forwarded", "for=\"[2001:db8::2]\"", "e@example.com"));
    assertEquals(429, login("X-Forwarded-For", "2001:db8::3", "f@example.com"), "IPv6 clients count by /64");
  }
}
