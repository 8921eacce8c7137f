package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A revoked jti is refused on the next request, also when the token sits in the verified-token cache. */
class DenyListTest {
  static final MutableClock clock = new MutableClock(Instant.now());
  static final Set<String> denied = ConcurrentHashMap.newKeySet();
  static TestServer server;
  static Auth auth;

  @BeforeAll
  static void start() {
    server = TestServer.start(app -> {
      auth = Auth.attach(app, new AuthOptions().secret(JwtTest.SECRET).accessTtl(600), clock).denyList(denied::contains);
      app.get("/me", auth.user(), u -> u.id());
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> me(String token) {
    return server.send(HttpRequest.newBuilder(server.uri("/me")).header("Authorization", "Bearer " + token));
  }

  @Test
  void aRevokedTokenIsRefusedEvenFromTheCacheAndOthersAreNot() {
    String token = auth.jwt().issue("5", List.of(), Map.of());
    String other = auth.jwt().issue("5", List.of(), Map.of());
    for (int i = 0; i < 3; i++) { // the second and third are cache hits on the event loop
      assertEquals(200, me(token).statusCode());
    }
    denied.add(auth.jwt().verify(token).jti());
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = me(token);
      assertEquals(401, r.statusCode(), r.body());
      assertEquals("Bearer error=\"invalid_token\"", r.headers().firstValue("www-authenticate").orElse(null));
      assertEquals("The token has been revoked.", JsonTree.object(r.body()).get("detail"));
    }
    assertEquals(200, me(other).statusCode(), "another token of the same user is not revoked");
  }
}
