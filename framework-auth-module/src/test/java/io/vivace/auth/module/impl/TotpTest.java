package io.vivace.auth.module.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.MutableClock;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TOTP (RFC 6238) over real HTTP and PostgreSQL on a clock moved by hand: setup, enable, login with
 * a code, the ±1 step window, no replay, recovery codes, disable, throttling of code attempts, and
 * the audit trail of it all.
 */
class TotpTest {
  static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:05Z"));
  static TestServer server;
  static DatabaseUrl url;
  static AuthModule module;
  static Database db;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("totp-test-secret-0123456789abcdef0123456")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60).lockoutAfter(3, 300, 600).accessTtl(3600), clock);
    module = AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(clock))
        .configure(new AccountOptions().totpIssuer("Blog Test").audit(true, 30));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static HttpResponse<String> send(String path, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("User-Agent", "TotpTest/1")
        .method(json == null ? "GET" : "POST", json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.send(b);
  }

  static HttpResponse<String> login(String email, String extra) {
    return send("/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"long enough password\"" + extra + "}");
  }

  static String signupAndLogin(String email) {
    assertEquals(201, server.postJson("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}").statusCode());
    HttpResponse<String> r = login(email, "");
    assertEquals(200, r.statusCode(), r.body());
    return (String) JsonTree.object(r.body()).get("accessToken");
  }

  static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  static String codeAt(byte[] secret, long stepOffset) {
    return Totp.code(secret, Totp.step(clock.instant().getEpochSecond()) + stepOffset, 6);
  }

  static String field(HttpResponse<String> r) {
    List<Map<String, Object>> errors = JsonTree.errors(r.body());
    return errors == null || errors.isEmpty() ? null : (String) errors.get(0).get("pointer");
  }

  /** Sets TOTP up and enables it; the secret and the recovery codes. */
  static Map.Entry<byte[], List<?>> enable(String token) {
    HttpResponse<String> setup = send("/auth/totp/setup", token, "{}");
    assertEquals(200, setup.statusCode(), setup.body());
    byte[] secret = base32((String) JsonTree.object(setup.body()).get("secret"));
    HttpResponse<String> on = send("/auth/totp/enable", token, "{\"code\":\"" + codeAt(secret, 0) + "\"}");
    assertEquals(200, on.statusCode(), on.body());
    return Map.entry(secret, (List<?>) JsonTree.object(on.body()).get("codes"));
  }

  @Test
  void rfc6238TestVectors() {
    byte[] seed = "12345678901234567890".getBytes(StandardCharsets.US_ASCII); // RFC 6238 appendix B, SHA1
    assertEquals("94287082", Totp.code(seed, Totp.step(59), 8));
    assertEquals("07081804", Totp.code(seed, Totp.step(1111111109), 8));
    assertEquals("14050471", Totp.code(seed, Totp.step(1111111111), 8));
    assertEquals("89005924", Totp.code(seed, Totp.step(1234567890), 8));
    assertEquals("69279037", Totp.code(seed, Totp.step(2000000000), 8));
    assertEquals("65353130", Totp.code(seed, Totp.step(20000000000L), 8));
    assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(seed), "RFC 4648 base32");
  }

  @Test
  void setupEnableLoginWindowReplayRecoveryAndDisable() throws Exception {
    String token = signupAndLogin("totp@example.com");
    HttpResponse<String> setup = send("/auth/totp/setup", token, "{}");
    Map<String, Object> s = JsonTree.object(setup.body());
    String uri = (String) s.get("uri");
    assertTrue(uri.startsWith("otpauth://totp/Blog%20Test:totp%40example.com?secret=" + s.get("secret") + "&issuer=Blog%20Test"), uri);
    byte[] secret = base32((String) s.get("secret"));
    assertEquals(20, secret.length);
    HttpResponse<String> wrong = send("/auth/totp/enable", token, "{\"code\":\"000000\"}");
    assertEquals(422, wrong.statusCode(), wrong.body());
    assertEquals("#/code", field(wrong), wrong.body());
    assertEquals(200, login("totp@example.com", "").statusCode(), "not on until enabled");
    HttpResponse<String> on = send("/auth/totp/enable", token, "{\"code\":\"" + codeAt(secret, 0) + "\"}");
    assertEquals(200, on.statusCode(), on.body());
    List<?> recovery = (List<?>) JsonTree.object(on.body()).get("codes");
    assertEquals(10, recovery.size());
    assertEquals(409, send("/auth/totp/setup", token, "{}").statusCode(), "already on");

    HttpResponse<String> needsCode = login("totp@example.com", "");
    assertEquals(401, needsCode.statusCode());
    assertEquals("#/code", field(needsCode), needsCode.body());
    assertEquals(401, login("totp@example.com", ",\"code\":\"" + codeAt(secret, 0) + "\"").statusCode(), "replayed: enable used it");
    clock.advance(Duration.ofSeconds(301)); // past the failure window (lockout after 3 in 300 s here)
    assertEquals(200, login("totp@example.com", ",\"code\":\"" + codeAt(secret, -1) + "\"").statusCode(), "one step late is fine");
    assertEquals(401, login("totp@example.com", ",\"code\":\"" + codeAt(secret, -1) + "\"").statusCode(), "but once");
    assertEquals(200, login("totp@example.com", ",\"code\":\"" + codeAt(secret, 1) + "\"").statusCode(), "one step early too");
    assertEquals(401, login("totp@example.com", ",\"code\":\"" + codeAt(secret, 0) + "\"").statusCode(),
        "an older step than the last accepted one is a replay");
    clock.advance(Duration.ofSeconds(301));
    assertEquals(401, login("totp@example.com", ",\"code\":\"" + codeAt(secret, -2) + "\"").statusCode(), "outside the window");
    assertEquals(401, login("totp@example.com", ",\"code\":\"" + codeAt(secret, 2) + "\"").statusCode(), "outside the window");
    clock.advance(Duration.ofSeconds(301));
    assertEquals(200, login("totp@example.com", ",\"recoveryCode\":\"" + recovery.get(0) + "\"").statusCode());
    assertEquals(401, login("totp@example.com", ",\"recoveryCode\":\"" + recovery.get(0) + "\"").statusCode(), "recovery codes are one-time");
    byte[] stored = await(db.one("SELECT code_hash FROM vivace_auth.recovery_codes LIMIT 1", Tuple.tuple(), r -> r.getBuffer(0).getBytes()));
    assertEquals(32, stored.length, "stored as SHA-256");

    clock.advance(Duration.ofSeconds(301));
    HttpResponse<String> badOff = send("/auth/totp/disable", token, "{\"recoveryCode\":\"" + recovery.get(0) + "\"}");
    assertEquals(422, badOff.statusCode(), "a used recovery code does not disable: " + badOff.body());
    assertEquals(204, send("/auth/totp/disable", token, "{\"recoveryCode\":\"" + recovery.get(1) + "\"}").statusCode());
    assertEquals(200, login("totp@example.com", "").statusCode(), "off again");
    assertEquals(409, send("/auth/totp/disable", token, "{\"code\":\"123456\"}").statusCode());

    // The audit trail of this account.
    HttpResponse<String> trail = send("/auth/audit", token, null);
    assertEquals(200, trail.statusCode(), trail.body());
    List<?> events = (List<?>) JsonTree.parse(trail.body());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Object e : events) {
      Map<?, ?> m = (Map<?, ?>) e;
      seen.add(m.get("event") + ":" + m.get("outcome"));
      assertEquals("TotpTest/1", m.get("userAgent"));
      assertEquals("127.0.0.1", m.get("ip"));
    }
    for (String expected : List.of("login:success", "login:code_required", "login:wrong_code", "totp_enabled:success",
        "totp_enabled:failure", "totp_disabled:success", "totp_disabled:failure")) {
      assertTrue(seen.contains(expected), expected + " in " + seen);
    }
  }

  @Test
  void wrongCodesCountTowardTheLockout() {
    String token = signupAndLogin("locked@example.com");
    byte[] secret = enable(token).getKey();
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("locked@example.com", ",\"code\":\"000000\"").statusCode());
    }
    HttpResponse<String> locked = login("locked@example.com", ",\"code\":\"" + codeAt(secret, 0) + "\"");
    assertEquals(429, locked.statusCode(), "locked after three wrong codes: " + locked.body());
    assertTrue(locked.headers().firstValue("Retry-After").isPresent());
    clock.advance(Duration.ofSeconds(601));
    assertEquals(200, login("locked@example.com", ",\"code\":\"" + codeAt(secret, 0) + "\"").statusCode());
  }

  @Test
  void auditEventsOlderThanTheRetentionArePruned() throws Exception {
    signupAndLogin("old@example.com");
    long id = await(db.one("SELECT id FROM vivace_auth.accounts WHERE email = 'old@example.com'", Tuple.tuple(), r -> r.getLong(0)));
    await(db.execute("INSERT INTO vivace_auth.audit_events (at, account_id, event, outcome) VALUES ($1, $2, 'login', 'success')",
        Tuple.of(java.time.OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(31)), java.time.ZoneOffset.UTC), id)));
    long before = await(db.one("SELECT count(*) FROM vivace_auth.audit_events WHERE account_id = $1", Tuple.of(id), r -> r.getLong(0)));
    assertTrue(await(module.pruneAuditEvents()) >= 1);
    long after = await(db.one("SELECT count(*) FROM vivace_auth.audit_events WHERE account_id = $1", Tuple.of(id), r -> r.getLong(0)));
    assertEquals(before - 1, after, "only the 31-day-old event went (retention 30 days)");
  }
}
