package io.vivace.auth.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.cache.Redis;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.openapi.OpenApi;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The permission admin routes over real HTTP, PostgreSQL and Redis: two instances on one database
 * and one Redis, the permissions cached for an hour, so a change made through one is seen by the
 * other only because it was told over pub/sub; a third instance with the routes off. Guarded by
 * auth:admin (or the superuser role), a repeated grant answered 200, 400/404 naming the parameter, audit events with the role
 * and permission, the routes in the OpenAPI document.
 */
class PermissionRoutesTest {
  static final String SECRET = "permission-routes-test-secret-0123456789abc";
  static DatabaseUrl url;
  static TestServer a;
  static TestServer b;
  static TestServer off;
  static AuthModule moduleA;
  static Database dbA;
  static String root;

  static final io.vivace.auth.testing.RedisInstances INSTANCES = new io.vivace.auth.testing.RedisInstances();

  static TestServer start(boolean routes) {
    AuthModule[] module = new AuthModule[1];
    Database[] db = new Database[1];
    TestServer server = INSTANCES.start(app -> {
      db[0] = Database.attach(app, new DbOptions().url(url).migrate(false));
      Auth auth = Auth.attach(app, new AuthOptions().secret(SECRET).argon2(1024, 1, 1).ipLimit(1000, 60).signupLimit(1000, 60));
      module[0] = AuthModule.mount(app, db[0], auth).configure(new AccountOptions().permissionsTtl(3600)
          .superuserRole("root").permissionRoutes(routes).audit(true, 30));
      app.post("/posts", auth.permission("posts:create"), u -> "created by " + u.id()).produces(String.class);
    });
    if (moduleA == null) {
      moduleA = module[0];
      dbA = db[0];
    }
    return server;
  }


  @BeforeAll
  static void startInstances() throws Exception {
    url = TestDatabase.fresh();
    a = start(true);
    b = start(true);
    off = start(false);
    root = tokenOf("root@example.com", "root");
  }

  @AfterAll
  static void stop() throws Exception {
    for (TestServer s : new TestServer[] {b, off}) {
      if (s != null) {
        s.close();
      }
    }
    TestDatabase.closeAndDrop(a, url);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static String tokenOf(String email, String... roles) throws Exception {
    String creds = "{\"email\":\"" + email + "\",\"password\":\"long enough password\"}";
    assertEquals(201, a.postJson("/auth/signup", creds).statusCode());
    long id = await(dbA.one("SELECT id FROM vivace_auth.accounts WHERE email = $1", Tuple.of(email), r -> r.getLong(0)));
    for (String role : roles) {
      await(moduleA.grantRole(id, role));
    }
    return (String) JsonTree.object(a.postJson("/auth/login", creds).body()).get("accessToken");
  }

  static HttpResponse<String> send(TestServer server, String method, String path, String token) {
    HttpRequest.Builder req = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return server.send(req);
  }

  /** Polls {@code status} until it answers {@code expected}, for at most 10 s; the last answer. */
  static int eventually(int expected, IntSupplier status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int got;
    while ((got = status.getAsInt()) != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return got;
  }

  static Map<String, Object> onlyError(HttpResponse<String> r) {
    List<Map<String, Object>> errors = JsonTree.errors(r.body());
    assertEquals(1, errors.size(), r.body());
    return errors.get(0);
  }

  @Test
  void aGrantAndARevocationApplyHereAtOnceAndOnTheOtherInstanceOverPubSub() throws Exception {
    String editor = tokenOf("editor@example.com", "editor");
    assertEquals(403, send(a, "POST", "/posts", editor).statusCode());
    assertEquals(403, send(b, "POST", "/posts", editor).statusCode(), "B has read the table (an hour's TTL)");

    HttpResponse<String> granted = send(a, "PUT", "/auth/roles/editor/permissions/posts:create", root);
    assertEquals(201, granted.statusCode(), granted.body());
    assertEquals(Map.of("name", "editor", "permissions", List.of("posts:create"), "superuser", false), JsonTree.object(granted.body()));
    assertEquals(200, send(a, "POST", "/posts", editor).statusCode(), "this instance: at once");
    assertEquals(200, eventually(200, () -> send(b, "POST", "/posts", editor).statusCode()), "the other: told over Redis");

    HttpResponse<String> again = send(b, "PUT", "/auth/roles/editor/permissions/posts:create", root);
    assertEquals(200, again.statusCode(), "a PUT repeated (a retry) changes nothing and succeeds: " + again.body());
    assertEquals(JsonTree.object(granted.body()), JsonTree.object(again.body()));

    HttpResponse<String> listed = send(b, "GET", "/auth/roles", root);
    assertEquals(200, listed.statusCode(), listed.body());
    List<?> roles = (List<?>) JsonTree.parse(listed.body());
    assertTrue(roles.contains(Map.of("name", "editor", "permissions", List.of("posts:create"), "superuser", false)), listed.body());
    assertTrue(roles.contains(Map.of("name", "root", "permissions", List.of(), "superuser", true)), listed.body());

    assertEquals(204, send(b, "DELETE", "/auth/roles/editor/permissions/posts:create", root).statusCode());
    assertEquals(403, send(b, "POST", "/posts", editor).statusCode(), "revoked on B: at once there");
    assertEquals(403, eventually(403, () -> send(a, "POST", "/posts", editor).statusCode()), "and on A, told over Redis");
    HttpResponse<String> gone = send(a, "DELETE", "/auth/roles/editor/permissions/posts:create", root);
    assertEquals(404, gone.statusCode(), gone.body());
    assertEquals(Map.of("parameter", "permission", "in", "path", "detail", "is not granted to the role"), onlyError(gone));
  }

  @Test
  void theRoutesNeedAuthAdminOrTheSuperuserRole() throws Exception {
    String reader = tokenOf("reader@example.com", "reader");
    String steward = tokenOf("steward@example.com", "steward");
    assertEquals(401, send(a, "GET", "/auth/roles", null).statusCode());
    HttpResponse<String> denied = send(a, "PUT", "/auth/roles/reader/permissions/posts:create", reader);
    assertEquals(403, denied.statusCode(), denied.body());
    assertEquals("This needs the permission auth:admin.", JsonTree.object(denied.body()).get("detail"));
    assertEquals(403, send(a, "GET", "/auth/roles", steward).statusCode());
    await(moduleA.grantPermission("steward", AuthModule.ADMIN_PERMISSION));
    assertEquals(200, send(a, "GET", "/auth/roles", steward).statusCode(), "a role granted auth:admin");
    assertEquals(201, send(a, "PUT", "/auth/roles/reader/permissions/posts:read", steward).statusCode());
    assertEquals(200, send(a, "GET", "/auth/roles", root).statusCode(), "the superuser role");
  }

  @Test
  void badNamesAre400NamingTheParameter() {
    HttpResponse<String> role = send(a, "PUT", "/auth/roles/bad%20role/permissions/posts:create", root);
    assertEquals(400, role.statusCode(), role.body());
    assertEquals("role", onlyError(role).get("parameter"));
    HttpResponse<String> permission = send(a, "DELETE", "/auth/roles/editor/permissions/" + "p".repeat(101), root);
    assertEquals(400, permission.statusCode(), permission.body());
    assertEquals("permission", onlyError(permission).get("parameter"));
    assertTrue(((String) onlyError(permission).get("detail")).contains("1 to 100"), permission.body());
  }

  @Test
  void grantsAndRevocationsAreAuditedWithTheRoleAndPermission() throws Exception {
    String auditor = tokenOf("auditor@example.com", "root");
    assertEquals(201, send(a, "PUT", "/auth/roles/author/permissions/posts:edit", auditor).statusCode());
    assertEquals(200, send(a, "PUT", "/auth/roles/author/permissions/posts:edit", auditor).statusCode());
    assertEquals(204, send(a, "DELETE", "/auth/roles/author/permissions/posts:edit", auditor).statusCode());
    assertEquals(404, send(a, "DELETE", "/auth/roles/author/permissions/posts:edit", auditor).statusCode());
    List<String> expected = List.of("permission_revoked failure author posts:edit", "permission_revoked success author posts:edit",
        "permission_granted success author posts:edit (held already)", "permission_granted success author posts:edit");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // audit writes do not hold up the answer
    List<String> got;
    while (!(got = permissionEvents(auditor)).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, got);
  }

  static List<String> permissionEvents(String token) {
    List<?> events = (List<?>) JsonTree.parse(send(a, "GET", "/auth/audit", token).body());
    return events.stream().map(e -> (Map<?, ?>) e).filter(e -> ((String) e.get("event")).startsWith("permission_"))
        .map(e -> e.get("event") + " " + e.get("outcome") + " " + e.get("detail")).toList();
  }

  @Test
  void offTheRoutesAre404WithOrWithoutAToken() {
    assertEquals(404, send(off, "GET", "/auth/roles", null).statusCode());
    assertEquals(404, send(off, "GET", "/auth/roles", root).statusCode());
    assertEquals(404, send(off, "PUT", "/auth/roles/editor/permissions/posts:create", root).statusCode());
    assertEquals(404, send(off, "DELETE", "/auth/roles/editor/permissions/posts:create", root).statusCode());
  }

  @Test
  void theOpenApiDocumentListsTheRoutes() {
    Map<String, Object> doc = JsonTree.object(OpenApi.json(a.app(), new io.vivace.openapi.OpenApiOptions()));
    Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
    Map<?, ?> list = (Map<?, ?>) ((Map<?, ?>) paths.get("/auth/roles")).get("get");
    assertEquals("listRoles", list.get("operationId"));
    Map<?, ?> one = (Map<?, ?>) paths.get("/auth/roles/{role}/permissions/{permission}");
    Map<?, ?> put = (Map<?, ?>) one.get("put");
    Map<?, ?> delete = (Map<?, ?>) one.get("delete");
    assertEquals("grantPermission", put.get("operationId"));
    assertEquals("revokePermission", delete.get("operationId"));
    for (String status : List.of("200", "201", "400", "401", "403", "404")) {
      assertTrue(((Map<?, ?>) put.get("responses")).containsKey(status), status + " in " + put.get("responses"));
    }
    for (String status : List.of("204", "400", "401", "403", "404")) {
      assertTrue(((Map<?, ?>) delete.get("responses")).containsKey(status), status + " in " + delete.get("responses"));
    }
  }
}
