package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.extract.Path;
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

/** The bearer extractors over real HTTP: 401 and 403 problems with their RFC 6750 challenges. */
class BearerRoutesTest {
  static final MutableClock clock = new MutableClock(Instant.now());
  static TestServer server;
  static Auth auth;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      auth = Auth.attach(app, new AuthOptions().secret(JwtTest.SECRET).accessTtl(60).clockSkew(0), clock);
      app.get("/me", auth.user(), u -> u.id() + " " + new java.util.TreeSet<>(u.roles()));
      app.get("/maybe", auth.optionalUser(), u -> u.map(AuthUser::id).orElse("anonymous"));
      app.delete("/things/:id", auth.role("admin", "owner"), Path.longValue("id"), (u, id) -> "deleted " + id + " by " + u.id());
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path, String authorization) {
    return send("GET", path, authorization);
  }

  static HttpResponse<String> send(String method, String path, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return server.send(b);
  }

  static Map<String, Object> problem(HttpResponse<String> r, int status, String challenge) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElseThrow());
    assertEquals(challenge, r.headers().firstValue("www-authenticate").orElse(null));
    Map<String, Object> p = JsonTree.object(r.body());
    assertEquals((long) status, p.get("status"));
    return p;
  }

  @Test
  void aValidTokenReachesTheHandler() {
    String token = auth.jwt().issue("7", List.of("user"), Map.of());
    HttpResponse<String> r = get("/me", "Bearer " + token);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("7 [user]", r.body());
    assertEquals("7 [user]", get("/me", "bearer  " + token).body(), "the scheme is case-insensitive");
    assertEquals("7", get("/maybe", "Bearer " + token).body());
    assertEquals("anonymous", get("/maybe", null).body());
  }

  @Test
  void noTokenIsA401WithAPlainBearerChallenge() {
    for (String header : new String[] {null, "", "Basic dXNlcjpwYXNz", "Bearer", "Token abc"}) {
      Map<String, Object> p = problem(get("/me", header), 401, "Bearer");
      assertEquals("This resource needs a bearer token in the Authorization header.", p.get("detail"));
      assertEquals("Unauthorized", p.get("title"));
    }
  }

  @Test
  void invalidTokensAre401WithInvalidToken() {
    for (String token : new String[] {"garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiI3In0."}) {
      problem(get("/me", "Bearer " + token), 401, "Bearer error=\"invalid_token\"");
      problem(get("/maybe", "Bearer " + token), 401, "Bearer error=\"invalid_token\"");
    }
  }

  @Test
  void aTokenExpiresEvenAfterItWasVerifiedAndRemembered() {
    String token = auth.jwt().issue("8", List.of(), Map.of());
    assertEquals(200, get("/me", "Bearer " + token).statusCode());
    assertEquals(200, get("/me", "Bearer " + token).statusCode());
    clock.advance(Duration.ofSeconds(61));
    Map<String, Object> p = problem(get("/me", "Bearer " + token), 401, "Bearer error=\"invalid_token\"");
    assertEquals("The token has expired.", p.get("detail"));
  }

  @Test
  void aMissingRoleIsA403AfterTheTokenIsChecked() {
    String user = auth.jwt().issue("9", List.of("user"), Map.of());
    Map<String, Object> p = problem(send("DELETE", "/things/3", "Bearer " + user), 403, "Bearer error=\"insufficient_scope\"");
    assertEquals("This needs one of the roles admin, owner.", p.get("detail"));
    assertEquals("/things/3", p.get("instance"));
    problem(send("DELETE", "/things/3", null), 401, "Bearer");
    String admin = auth.jwt().issue("10", List.of("admin"), Map.of());
    HttpResponse<String> ok = send("DELETE", "/things/3", "Bearer " + admin);
    assertEquals("deleted 3 by 10", ok.body());
    assertFalse(ok.headers().firstValue("www-authenticate").isPresent());
    assertTrue(send("DELETE", "/things/x", "Bearer " + admin).statusCode() == 400);
  }
}
