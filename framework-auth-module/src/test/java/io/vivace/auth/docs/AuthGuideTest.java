package io.vivace.auth.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import io.vivace.auth.PasswordHasher;
import io.vivace.auth.module.AuthModule;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Path;
import io.vivace.response.Response;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The code docs/authentication.md quotes (the {@code tag::} regions), run for real: an app
 * configured from the environment (here system properties), signup and login over HTTP, a
 * protected route, a role, the JWT and password APIs.
 */
class AuthGuideTest {
  static final String SECRET = "guide-test-secret-0123456789abcdef0123456789";

  static void routes(App app, Database db) {
    // tag::routes[]
    Auth auth = Auth.attach(app);                 // JWT_SECRET etc., checked when the app starts
    AuthModule.mount(app, db, auth);              // POST /auth/signup, /login, /refresh, /logout; GET /auth/me
    app.get("/hello", auth.user(), user -> "Hello, user " + user.id());
    app.delete("/notes/:id", auth.role("admin"), Path.longValue("id"), (admin, id) -> Response.noContent());
    // end::routes[]
  }

  static AuthUser jwt(String secret) {
    // tag::jwt[]
    Jwt jwt = Jwt.create(new AuthOptions().secret(secret));   // or AuthOptions.fromEnvironment()
    String token = jwt.issue("42", List.of("admin"), Map.of("plan", "pro"));
    AuthUser user = jwt.verify(token);            // a 401 ProblemException when the token is refused
    // end::jwt[]
    return user;
  }

  static Future<Boolean> passwords(Vertx vertx, AuthOptions options, String password) {
    // tag::passwords[]
    PasswordHasher hasher = PasswordHasher.argon2id(options);          // ARGON2_* cost
    Future<String> phc = hasher.hash(vertx, password);                 // on the worker pool
    Future<Boolean> matches = phc.compose(stored -> hasher.verify(vertx, password, stored));
    // end::passwords[]
    return matches;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void theGuideWorksEndToEnd() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    System.setProperty("vivace.jwt-secret", SECRET);
    System.setProperty("vivace.argon2-memory-kib", "1024");
    TestServer server = null;
    try {
      App app = Vivace.app(TestServer.options());
      routes(app, Database.attach(app, new DbOptions().url(url)));
      server = TestServer.started(app);
      assertEquals(201, server.postJson("/auth/signup", "{\"email\":\"me@example.com\",\"password\":\"a long password\"}").statusCode());
      HttpResponse<String> login = server.postJson("/auth/login", "{\"email\":\"me@example.com\",\"password\":\"a long password\"}");
      String token = (String) JsonTree.object(login.body()).get("accessToken");
      HttpResponse<String> hello = server.send(HttpRequest.newBuilder(server.uri("/hello")).header("Authorization", "Bearer " + token));
      assertTrue(hello.body().matches("Hello, user \\d+"), hello.body());
      HttpResponse<String> delete = server.send(HttpRequest.newBuilder(server.uri("/notes/1"))
          .header("Authorization", "Bearer " + token).DELETE());
      assertEquals(403, delete.statusCode());
      assertEquals(401, server.get("/hello").statusCode());

      AuthUser user = jwt(SECRET);
      assertEquals("42", user.id());
      assertTrue(user.hasRole("admin"));
      assertEquals("pro", user.claims().get("plan"));
      assertTrue(await(passwords(app.vertx(), new AuthOptions().argon2(1024, 1, 1), "a long password")));
    } finally {
      System.clearProperty("vivace.jwt-secret");
      System.clearProperty("vivace.argon2-memory-kib");
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
