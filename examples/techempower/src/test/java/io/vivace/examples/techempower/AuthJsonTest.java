package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.Jwt;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /auth/json}: byte for byte {@code /json} with a valid HS256 token signed with JWT_SECRET, else 401. */
class AuthJsonTest {
  static final String SECRET = "techempower-test-secret-0123456789abcdef";
  static final AuthOptions AUTH = new AuthOptions().secret(SECRET);
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static RawHttp.Response get(String path, String authorization) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n");
      return raw.readOne();
    }
  }

  @Test
  void aValidTokenGetsExactlyTheJsonAnswer() throws Exception {
    String token = Jwt.create(AUTH).issue("loadtest", List.of(), Map.of());
    RawHttp.Response plain = get("/json", null);
    for (int i = 0; i < 3; i++) { // the first verifies, the next ones hit the per-loop cache
      RawHttp.Response auth = get("/auth/json", "Bearer " + token);
      assertEquals(200, auth.status());
      assertEquals(plain.body(), auth.body());
      assertEquals("{\"message\":\"Hello, World!\"}", auth.body());
      assertEquals(plain.header("content-type"), auth.header("content-type"));
      assertEquals(plain.header("content-length"), auth.header("content-length"));
      assertEquals(plain.header("server"), auth.header("server"));
    }
  }

  @Test
  void anythingElseIs401() throws Exception {
    RawHttp.Response none = get("/auth/json", null);
    assertEquals(401, none.status());
    assertEquals("Bearer", none.header("www-authenticate"));
    assertEquals("application/problem+json", none.header("content-type"));
    Instant now = Instant.now();
    String[] bad = {
        "garbage",
        JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("x").withExpiresAt(now.plusSeconds(60))
            .sign(Algorithm.HMAC256("some-other-secret-0123456789abcdef0123")),
        JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("x").withExpiresAt(now.minusSeconds(3600))
            .sign(Algorithm.HMAC256(SECRET)),
        JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("x").withExpiresAt(now.plusSeconds(60))
            .sign(Algorithm.HMAC512(SECRET)),
        JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("x").withExpiresAt(now.plusSeconds(60))
            .sign(Algorithm.none()),
    };
    for (String token : bad) {
      RawHttp.Response r = get("/auth/json", "Bearer " + token);
      assertEquals(401, r.status(), token);
      assertEquals("Bearer error=\"invalid_token\"", r.header("www-authenticate"), token);
    }
  }
}
