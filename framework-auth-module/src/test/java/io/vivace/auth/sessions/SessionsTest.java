package io.vivace.auth.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions over real HTTP and PostgreSQL: listed with created/last-used times, client address (by
 * the trusted-proxy rule) and user agent; revoked one by one, all at once, by logout and by
 * refresh-token reuse, each time with their outstanding access tokens deny-listed.
 */
class SessionsTest {
  static final MutableClock clock = new MutableClock(Instant.now());
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().observe(new ObserveOptions().trustedProxies("127.0.0.1/32")));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("sessions-test-secret-0123456789abcdef0123")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60).accessTtl(600).refreshTtl(3600), clock);
    AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(clock));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<String> send(String method, String path, String token, String json, String from, String agent) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (from != null) {
      b.header("X-Forwarded-For", from);
    }
    if (agent != null) {
      b.header("User-Agent", agent);
    }
    return server.send(b);
  }

  static Map<String, Object> login(String email, String from, String agent) {
    HttpResponse<String> r = send("POST", "/auth/login", null, creds(email), from, agent);
    assertEquals(200, r.statusCode(), r.body());
    return JsonTree.object(r.body());
  }

  static String creds(String email) {
    return "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}";
  }

  static void signup(String email) {
    assertEquals(201, server.postJson("/auth/signup", creds(email)).statusCode());
  }

  static List<Map<String, Object>> sessions(String token) {
    HttpResponse<String> r = send("GET", "/auth/sessions", token, null, null, null);
    assertEquals(200, r.statusCode(), r.body());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = (List<Map<String, Object>>) JsonTree.parse(r.body());
    return list;
  }

  static int me(Object token) {
    return send("GET", "/auth/me", (String) token, null, null, null).statusCode();
  }

  static String revokedDetail(Object token) {
    HttpResponse<String> r = send("GET", "/auth/me", (String) token, null, null, null);
    assertEquals(401, r.statusCode(), r.body());
    return (String) JsonTree.object(r.body()).get("detail");
  }

  static HttpResponse<String> refresh(Object refreshToken, String from, String agent) {
    return send("POST", "/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}", from, agent);
  }

  @Test
  void listedWithTimesAddressAndAgentAndOneRevokedWithItsAccessTokens() {
    signup("list@example.com");
    Map<String, Object> laptop = login("list@example.com", "203.0.113.7", "Laptop/1.0");
    clock.advance(Duration.ofSeconds(5));
    Map<String, Object> phone = login("list@example.com", "198.51.100.9", "Phone/2.0");
    List<Map<String, Object>> list = sessions((String) phone.get("accessToken"));
    assertEquals(2, list.size(), list.toString());
    Map<String, Object> first = list.get(0);
    assertEquals("198.51.100.9", first.get("ip"), "by the trusted-proxy rule");
    assertEquals("Phone/2.0", first.get("userAgent"));
    assertEquals(true, first.get("current"));
    assertEquals("203.0.113.7", list.get(1).get("ip"));
    assertEquals(false, list.get(1).get("current"));
    assertEquals(list.get(1).get("createdAt"), list.get(1).get("lastUsedAt"));
    // A refresh of the laptop's session moves its last use and address.
    clock.advance(Duration.ofSeconds(5));
    HttpResponse<String> r = refresh(laptop.get("refreshToken"), "203.0.113.8", "Laptop/1.1");
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Object> laptop2 = JsonTree.object(r.body());
    list = sessions((String) phone.get("accessToken"));
    Map<String, Object> laptopSession = list.get(0);
    assertEquals("203.0.113.8", laptopSession.get("ip"));
    assertEquals("Laptop/1.1", laptopSession.get("userAgent"));
    assertNotEquals(laptopSession.get("createdAt"), laptopSession.get("lastUsedAt"));
    // The phone revokes the laptop: both laptop access tokens and its refresh token stop working.
    HttpResponse<String> del = send("DELETE", "/auth/sessions/" + laptopSession.get("id"), (String) phone.get("accessToken"), null, null, null);
    assertEquals(204, del.statusCode(), del.body());
    assertEquals("The token has been revoked.", revokedDetail(laptop.get("accessToken")));
    assertEquals("The token has been revoked.", revokedDetail(laptop2.get("accessToken")));
    assertEquals(401, refresh(laptop2.get("refreshToken"), null, null).statusCode());
    assertEquals(200, me(phone.get("accessToken")), "the phone's own session stays");
    assertEquals(1, sessions((String) phone.get("accessToken")).size());
    // Again, or a session of another account: 404.
    assertEquals(404, send("DELETE", "/auth/sessions/" + laptopSession.get("id"), (String) phone.get("accessToken"), null, null, null).statusCode());
    signup("other@example.com");
    Map<String, Object> other = login("other@example.com", null, null);
    String otherId = (String) sessions((String) other.get("accessToken")).get(0).get("id");
    assertEquals(404, send("DELETE", "/auth/sessions/" + otherId, (String) phone.get("accessToken"), null, null, null).statusCode());
    assertEquals(200, me(other.get("accessToken")));
    assertEquals(400, send("DELETE", "/auth/sessions/not-a-uuid", (String) phone.get("accessToken"), null, null, null).statusCode());
    assertEquals(401, send("GET", "/auth/sessions", null, null, null, null).statusCode());
  }

  @Test
  void logOutEverywhereRevokesEverySessionAndAccessToken() {
    signup("everywhere@example.com");
    Map<String, Object> a = login("everywhere@example.com", null, "A");
    Map<String, Object> b = login("everywhere@example.com", null, "B");
    HttpResponse<String> r = refresh(b.get("refreshToken"), null, "B");
    Map<String, Object> b2 = JsonTree.object(r.body());
    assertEquals(204, send("DELETE", "/auth/sessions", (String) a.get("accessToken"), null, null, null).statusCode());
    for (Object token : List.of(a.get("accessToken"), b.get("accessToken"), b2.get("accessToken"))) {
      assertEquals("The token has been revoked.", revokedDetail(token));
    }
    assertEquals(401, refresh(a.get("refreshToken"), null, null).statusCode());
    assertEquals(401, refresh(b2.get("refreshToken"), null, null).statusCode());
    Map<String, Object> again = login("everywhere@example.com", null, "C");
    assertEquals(200, me(again.get("accessToken")), "a new login works");
    assertEquals(1, sessions((String) again.get("accessToken")).size());
  }

  @Test
  void logoutAndRefreshTokenReuseRevokeTheSessionsAccessTokens() {
    signup("logout@example.com");
    Map<String, Object> s = login("logout@example.com", null, null);
    assertEquals(204, send("POST", "/auth/logout", null, "{\"refreshToken\":\"" + s.get("refreshToken") + "\"}", null, null).statusCode());
    assertEquals("The token has been revoked.", revokedDetail(s.get("accessToken")));
    Map<String, Object> t = login("logout@example.com", null, null);
    Map<String, Object> t2 = JsonTree.object(refresh(t.get("refreshToken"), null, null).body());
    assertEquals(200, me(t2.get("accessToken")));
    assertEquals(401, refresh(t.get("refreshToken"), null, null).statusCode(), "reuse");
    assertEquals("The token has been revoked.", revokedDetail(t2.get("accessToken")), "reuse revokes the family's access tokens");
    assertTrue(sessions((String) login("logout@example.com", null, null).get("accessToken")).size() == 1);
  }
}
