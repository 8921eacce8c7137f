package io.vivace.auth.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
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
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signup, login, refresh rotation with reuse detection, logout, throttling and lockout over real HTTP and PostgreSQL. */
class AuthModuleTest {
  static final MutableClock clock = new MutableClock(Instant.now());
  static TestServer server;
  static DatabaseUrl url;
  static AuthModule module;
  static Database db;
  static final List<String> signedUp = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("module-test-secret-0123456789abcdef0123")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60).lockoutAfter(3, 300, 600).accessTtl(300).refreshTtl(3600), clock);
    module = AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(clock)).onSignup((tx, account) -> {
      signedUp.add(account.email());
      return account.email().startsWith("fail") ? Future.failedFuture(new IllegalStateException("hook refused")) : Future.succeededFuture();
    });
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<String> post(String path, String json) {
    return server.postJson(path, json);
  }

  static String creds(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  static Map<String, Object> json(HttpResponse<String> r, int status) {
    assertEquals(status, r.statusCode(), r.body());
    return JsonTree.object(r.body());
  }

  static Map<String, Object> signupAndLogin(String email) {
    json(post("/auth/signup", creds(email, "long enough password")), 201);
    return json(post("/auth/login", creds(email, "long enough password")), 200);
  }

  static HttpResponse<String> refresh(Object token) {
    return post("/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void signupValidatesAndRefusesDuplicates() {
    HttpResponse<String> created = post("/auth/signup", creds("  Ada@Example.COM ", "long enough password"));
    Map<String, Object> account = json(created, 201);
    assertEquals("ada@example.com", account.get("email"), "trimmed and lower-cased");
    assertEquals(List.of(), account.get("roles"));
    assertEquals("/auth/me", created.headers().firstValue("location").orElseThrow());
    assertTrue(!created.body().contains("argon2"), "never the hash");

    HttpResponse<String> dup = post("/auth/signup", creds("ada@example.com", "another long password"));
    assertEquals("An account with this e-mail address already exists.", json(dup, 409).get("detail"));

    HttpResponse<String> bad = post("/auth/signup", creds("not-an-email", "short"));
    assertEquals(422, bad.statusCode(), bad.body());
    assertEquals(List.of("#/email", "#/password"), JsonTree.errors(bad.body()).stream().map(e -> e.get("pointer")).toList());
    for (String email : new String[] {"a@b", "a b@c.io", "@c.io", "a@@c.io", "a@c..io", "a@.io", ""}) {
      assertEquals(422, post("/auth/signup", creds(email, "long enough password")).statusCode(), email);
    }
    assertEquals(422, post("/auth/signup", creds("long@example.com", "x".repeat(129))).statusCode());
    assertEquals(422, post("/auth/signup", "{\"email\":\"x@example.com\"}").statusCode());
    assertEquals(400, post("/auth/signup", "{\"email\":").statusCode());
  }

  @Test
  void everyFieldIsCappedAndTheAnswerNamesIt() {
    String huge = "a".repeat(200_000) + "@example.com";
    String long255 = "a".repeat(243) + "@example.com"; // 255 bytes
    for (String path : new String[] {"/auth/signup", "/auth/login"}) {
      for (String email : new String[] {huge, long255, "\u00e9".repeat(128) + "@x.io"}) {
        HttpResponse<String> r = post(path, creds(email, "long enough password"));
        assertEquals(422, r.statusCode(), path + " " + r.body());
        assertEquals(List.of("#/email"), JsonTree.errors(r.body()).stream().map(e -> e.get("pointer")).toList(), path);
        assertTrue(r.body().contains("at most 254 bytes"), r.body());
      }
      HttpResponse<String> pw = post(path, creds("cap@example.com", "p".repeat(200_000)));
      assertEquals(422, pw.statusCode(), path);
      assertEquals(List.of("#/password"), JsonTree.errors(pw.body()).stream().map(e -> e.get("pointer")).toList(), path);
    }
    HttpResponse<String> fits = post("/auth/login", creds("a".repeat(242) + "@example.com", "long enough password"));
    assertEquals(401, fits.statusCode(), "254 bytes is a possible address");
  }

  @Test
  void aFailingSignupHookUndoesTheAccount() {
    assertEquals(500, post("/auth/signup", creds("fail@example.com", "long enough password")).statusCode());
    assertTrue(signedUp.contains("fail@example.com"));
    assertEquals(401, post("/auth/login", creds("fail@example.com", "long enough password")).statusCode());
  }

  @Test
  void loginGivesTokensThatOpenMe() {
    Map<String, Object> tokens = signupAndLogin("grace@example.com");
    assertEquals("Bearer", tokens.get("tokenType"));
    assertEquals(300L, tokens.get("expiresIn"));
    HttpResponse<String> me = server.send(HttpRequest.newBuilder(server.uri("/auth/me"))
        .header("Authorization", "Bearer " + tokens.get("accessToken")).GET());
    assertEquals("grace@example.com", json(me, 200).get("email"));
    assertEquals(401, server.get("/auth/me").statusCode());
  }

  @Test
  void loginFailuresLookTheSameForUnknownAccounts() {
    json(post("/auth/signup", creds("known@example.com", "long enough password")), 201);
    HttpResponse<String> wrongPassword = post("/auth/login", creds("known@example.com", "wrong password here"));
    HttpResponse<String> unknown = post("/auth/login", creds("nobody@example.com", "wrong password here"));
    assertEquals(401, wrongPassword.statusCode());
    Map<String, Object> a = new java.util.HashMap<>(JsonTree.object(wrongPassword.body()));
    Map<String, Object> b = new java.util.HashMap<>(JsonTree.object(unknown.body()));
    assertNotEquals(a.remove("request_id"), b.remove("request_id"), "each answer has its own request id");
    assertEquals(a, b, "and nothing else tells them apart");
    assertEquals(wrongPassword.headers().firstValue("www-authenticate"), unknown.headers().firstValue("www-authenticate"));
  }

  @Test
  void refreshRotatesAndAReusedTokenRevokesTheFamily() {
    Map<String, Object> first = signupAndLogin("rotate@example.com");
    Map<String, Object> second = json(refresh(first.get("refreshToken")), 200);
    assertNotEquals(first.get("refreshToken"), second.get("refreshToken"));
    Map<String, Object> third = json(refresh(second.get("refreshToken")), 200);

    // An attacker replays the first token: it is refused and the family dies, the newest token too.
    HttpResponse<String> reuse = refresh(first.get("refreshToken"));
    assertEquals(401, reuse.statusCode());
    assertTrue(((String) JsonTree.object(reuse.body()).get("detail")).startsWith("The refresh token was already used"));
    assertEquals("Bearer error=\"invalid_token\"", reuse.headers().firstValue("www-authenticate").orElseThrow());
    assertEquals(401, refresh(third.get("refreshToken")).statusCode());

    // Another session of the same account is untouched.
    Map<String, Object> other = json(post("/auth/login", creds("rotate@example.com", "long enough password")), 200);
    assertEquals(200, refresh(other.get("refreshToken")).statusCode());
    for (String garbage : new String[] {"", "nope", "x".repeat(500)}) {
      assertEquals(401, refresh(garbage).statusCode(), garbage);
    }
    assertEquals(401, post("/auth/refresh", "{}").statusCode());
  }

  @Test
  void refreshTokensExpireAndLogoutRevokes() throws Exception {
    Map<String, Object> a = signupAndLogin("expire@example.com");
    clock.advance(Duration.ofSeconds(3601));
    assertEquals(401, refresh(a.get("refreshToken")).statusCode());
    assertTrue(await(module.pruneExpiredRefreshTokens()) >= 1);
    assertEquals(Long.valueOf(0), await(db.one("SELECT count(*) FROM vivace_auth.refresh_tokens WHERE expires_at < $1",
        Tuple.of(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)), r -> r.getLong(0))));

    Map<String, Object> b = json(post("/auth/login", creds("expire@example.com", "long enough password")), 200);
    assertEquals(204, post("/auth/logout", "{\"refreshToken\":\"" + b.get("refreshToken") + "\"}").statusCode());
    assertEquals(401, refresh(b.get("refreshToken")).statusCode());
    assertEquals(204, post("/auth/logout", "{\"refreshToken\":\"unknown\"}").statusCode());
  }

  @Test
  void repeatedFailuresLockTheAccountUntilTheLockoutEnds() {
    json(post("/auth/signup", creds("locked@example.com", "long enough password")), 201);
    for (int i = 0; i < 3; i++) {
      assertEquals(401, post("/auth/login", creds("locked@example.com", "wrong password " + i)).statusCode());
    }
    HttpResponse<String> locked = post("/auth/login", creds("locked@example.com", "long enough password"));
    assertEquals(429, locked.statusCode(), "even the right password waits");
    assertEquals("600", locked.headers().firstValue("retry-after").orElseThrow());
    assertEquals("application/problem+json", locked.headers().firstValue("content-type").orElseThrow());
    // An address without an account locks the same way: nothing to learn about who is registered.
    for (int i = 0; i < 3; i++) {
      post("/auth/login", creds("ghost@example.com", "wrong password " + i));
    }
    assertEquals(429, post("/auth/login", creds("ghost@example.com", "whatever")).statusCode());

    clock.advance(Duration.ofSeconds(599));
    assertEquals("1", post("/auth/login", creds("locked@example.com", "long enough password")).headers()
        .firstValue("retry-after").orElseThrow());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(200, post("/auth/login", creds("locked@example.com", "long enough password")).statusCode());
  }

  @Test
  void rolesGrantedAppearInTheNextAccessToken() throws Exception {
    json(post("/auth/signup", creds("admin@example.com", "long enough password")), 201);
    long id = await(db.one("SELECT id FROM vivace_auth.accounts WHERE email = $1", Tuple.of("admin@example.com"), r -> r.getLong(0)));
    await(module.grantRole(id, "admin"));
    await(module.grantRole(id, "admin"));
    Map<String, Object> tokens = json(post("/auth/login", creds("admin@example.com", "long enough password")), 200);
    HttpResponse<String> me = server.send(HttpRequest.newBuilder(server.uri("/auth/me"))
        .header("Authorization", "Bearer " + tokens.get("accessToken")).GET());
    assertEquals(List.of("admin"), json(me, 200).get("roles"));
  }

  @Test
  void theModuleKeepsItsOwnSchemaAndHistory() throws Exception {
    signupAndLogin("schema@example.com");
    List<String> tables = await(db.list("SELECT table_schema || '.' || table_name FROM information_schema.tables"
        + " WHERE table_schema = 'vivace_auth' ORDER BY 1", Tuple.tuple(), r -> r.getString(0)));
    assertTrue(tables.containsAll(List.of("vivace_auth.accounts", "vivace_auth.flyway_schema_history",
        "vivace_auth.refresh_tokens", "vivace_auth.sessions")), tables.toString());
    assertEquals(Long.valueOf(0), await(db.one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        + " AND table_name = 'flyway_schema_history'", Tuple.tuple(), r -> r.getLong(0))), "the app's history is its own");
    byte[] stored = await(db.one("SELECT token_hash FROM vivace_auth.refresh_tokens LIMIT 1", Tuple.tuple(),
        r -> r.getBuffer(0).getBytes()));
    assertEquals(32, stored.length, "only a SHA-256 of the refresh token is stored");
  }
}
