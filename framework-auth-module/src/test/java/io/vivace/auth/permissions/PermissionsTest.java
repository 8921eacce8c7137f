package io.vivace.auth.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.auth.throttle.ThrottleStore;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.extract.Path;
import io.vivace.openapi.OpenApi;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** auth.permission(...) over real HTTP: roles → permissions from the database, 403 insufficient_scope, superuser, the cache's TTL. */
class PermissionsTest {
  static TestServer server;
  static DatabaseUrl url;
  static AuthModule module;
  static Database db;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).migrate(false));
    Auth auth = Auth.attach(app, new AuthOptions().secret("permissions-test-secret-0123456789abcdef")
        .argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60));
    module = AuthModule.mount(app, db, auth, "/auth", ThrottleStore.inProcess(auth.clock()))
        .configure(new AccountOptions().permissionsTtl(1).superuserRole("root"));
    app.delete("/posts/:id", auth.permission("posts:delete"), Path.longValue("id"), (u, id) -> "deleted " + id + " by " + u.id());
    app.post("/posts", auth.permission("posts:create"), u -> "created by " + u.id());
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static String tokenOf(String email, String... roles) throws Exception {
    String creds = "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}";
    assertEquals(201, server.postJson("/auth/signup", creds).statusCode());
    long id = await(db.one("SELECT id FROM vivace_auth.accounts WHERE email = $1", Tuple.of(email), r -> r.getLong(0)));
    for (String role : roles) {
      await(module.grantRole(id, role));
    }
    return (String) JsonTree.object(server.postJson("/auth/login", creds).body()).get("accessToken");
  }

  static HttpResponse<String> send(String method, String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.send(b);
  }

  @Test
  void aRoleThatGrantsThePermissionPassesOthersGet403InsufficientScope() throws Exception {
    await(module.grantPermission("editor", "posts:delete"));
    String editor = tokenOf("editor@example.com", "editor");
    String reader = tokenOf("reader@example.com", "reader");
    String root = tokenOf("root@example.com", "root");
    assertEquals(200, send("DELETE", "/posts/3", editor).statusCode());
    HttpResponse<String> denied = send("DELETE", "/posts/3", reader);
    assertEquals(403, denied.statusCode(), denied.body());
    assertEquals("Bearer error=\"insufficient_scope\"", denied.headers().firstValue("www-authenticate").orElse(null));
    assertEquals("This needs the permission posts:delete.", JsonTree.object(denied.body()).get("detail"));
    assertEquals(403, send("POST", "/posts", editor).statusCode(), "a permission the role lacks");
    assertEquals(200, send("DELETE", "/posts/3", root).statusCode(), "the superuser role passes");
    assertEquals(200, send("POST", "/posts", root).statusCode());
    assertEquals(401, send("DELETE", "/posts/3", null).statusCode());
    await(module.revokePermission("editor", "posts:delete"));
    assertEquals(403, send("DELETE", "/posts/3", editor).statusCode(), "revoked here: at once");
  }

  @Test
  void aChangeMadeElsewhereIsSeenWithinTheTtl() throws Exception {
    String writer = tokenOf("writer@example.com", "writer");
    assertEquals(403, send("POST", "/posts", writer).statusCode());
    // As another instance would: straight into the table.
    await(db.execute("INSERT INTO vivace_auth.role_permissions (role, permission) VALUES ('writer', 'posts:create')", Tuple.tuple()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int status;
    while ((status = send("POST", "/posts", writer).statusCode()) != 200 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(200, status, "read again after AUTH_PERMISSIONS_TTL (1 s here)");
  }

  @Test
  void theOpenApiDocumentNamesThePermissionAndThe403() {
    Map<String, Object> doc = JsonTree.object(OpenApi.json(server.app(), new io.vivace.openapi.OpenApiOptions()));
    Map<?, ?> op = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("paths")).get("/posts/{id}")).get("delete");
    assertEquals(true, ((Map<?, ?>) op.get("responses")).containsKey("403"), op.toString());
  }
}
