package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields named is…, get… and set… ({@code isDone}, {@code getaway}, {@code settled}, {@code isbn}),
 * and a has-many named {@code issues}: the generated project compiles through the DSL-JSON processor
 * (javac here, no install needed), then runs in its own JVM against a fresh database, and every such
 * name is the same in the request, the response, the OpenAPI schema and (in snake_case) the column.
 * The prefix-less names DSL-JSON would otherwise read ({@code done}, {@code away}) are not members.
 */
class PrefixedFieldsTest {
  @TempDir
  Path tmp;

  @Test
  void prefixedNamesRoundTripThroughJsonAndTheDatabase() throws Exception {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString(), "--features", "db").exit());
    Path p = tmp.resolve("shop");
    String dir = p.toString();
    Cli task = Cli.run("generate", "resource", "Task", "title:string", "isDone:bool", "getaway:string", "settled:bool?",
        "isbn:string?!", "away:string?", "--dir", dir);
    assertEquals(0, task.exit(), task.toString());
    Cli issue = Cli.run("generate", "resource", "Issue", "summary:string", "task:ref:Task", "isOpen:bool", "--dir", dir);
    assertEquals(0, issue.exit(), issue.toString());
    assertTrue(Files.readString(p.resolve("src/main/java/com/example/shop/Task.java")).contains("public boolean getIsDone()"));

    Path classes = GeneratedOpenApiTest.compile(p.resolve("src/main/java"), tmp.resolve("classes"), "");
    DatabaseUrl db = TestDatabase.fresh();
    int port = GeneratedProjectIT.freePort();
    ProcessBuilder pb = new ProcessBuilder(GeneratedProjectIT.javaBin(), "-cp", classes + File.pathSeparator
        + p.resolve("src/main/resources") + File.pathSeparator + System.getProperty("java.class.path"),
        "com.example.shop.ShopApp").redirectErrorStream(true).redirectOutput(tmp.resolve("app.log").toFile());
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().put("DATABASE_URL", "postgres://" + db.user() + (db.password() == null ? "" : ":" + db.password())
        + "@" + db.host() + ":" + db.port() + "/" + db.database());
    Process app = pb.start();
    app.getOutputStream().close();
    try {
      String base = "http://127.0.0.1:" + port;
      GeneratedProjectIT.awaitHealth(app, base, p);
      exercise(base, db);
    } finally {
      app.destroy();
      boolean exited = app.waitFor(30, TimeUnit.SECONDS);
      if (!exited) {
        app.destroyForcibly();
      }
      TestDatabase.drop(db);
      assertTrue(exited, "the app stops on SIGTERM");
    }
  }

  /** A field whose accessor is another field's JSON getter ({@code getIsDone}, {@code isDone}) is refused, nothing written. */
  @Test
  void aFieldNamedLikeAnotherFieldsGetterIsRefused() throws Exception {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString(), "--features", "db").exit());
    String dir = tmp.resolve("shop").toString();
    Cli r = Cli.run("generate", "resource", "Task", "isDone:bool", "getIsDone:bool", "--dir", dir);
    assertEquals(VivaceCli.EXIT_USAGE, r.exit(), r.toString());
    assertTrue(r.err().contains("resource Task: 'isDone' needs the JSON getter getIsDone(), which is already the accessor"
        + " of 'getIsDone'; rename one of them"), r.err());
    assertTrue(!Files.exists(tmp.resolve("shop/src/main/java/com/example/shop/Task.java")));
  }

  @SuppressWarnings("unchecked")
  static void exercise(String base, DatabaseUrl db) throws Exception {
    String body = "{\"title\":\"Pack\",\"isDone\":true,\"getaway\":\"coast\",\"settled\":false,\"isbn\":\"978-3\","
        + "\"away\":\"north\"}";
    HttpResponse<String> created = GeneratedProjectIT.send("POST", base + "/tasks", body, null);
    assertEquals(201, created.statusCode(), created.body());
    Map<String, Object> t = JsonTree.object(created.body());
    assertEquals(List.of("id", "title", "isDone", "getaway", "settled", "isbn", "away", "issues"), List.copyOf(t.keySet()),
        created.body());
    assertEquals(true, t.get("isDone"));
    assertEquals("coast", t.get("getaway"));
    assertEquals(false, t.get("settled"));
    assertEquals("978-3", t.get("isbn"));
    assertEquals("north", t.get("away"));
    long id = (Long) t.get("id");

    HttpResponse<String> child = GeneratedProjectIT.send("POST", base + "/issues",
        "{\"summary\":\"Tickets\",\"taskId\":" + id + ",\"isOpen\":true}", null);
    assertEquals(201, child.statusCode(), child.body());
    HttpResponse<String> read = GeneratedProjectIT.send("GET", base + "/tasks/" + id + "?include=issues", null, null);
    assertEquals(200, read.statusCode(), read.body());
    Map<String, Object> withIssues = JsonTree.object(read.body());
    assertEquals(true, withIssues.get("isDone"));
    List<Map<String, Object>> issues = (List<Map<String, Object>>) withIssues.get("issues");
    assertEquals(true, issues.get(0).get("isOpen"), read.body());

    HttpResponse<String> updated = GeneratedProjectIT.send("PUT", base + "/tasks/" + id,
        body.replace("\"isDone\":true", "\"isDone\":false"), null);
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals(false, JsonTree.object(updated.body()).get("isDone"));

    // the names DSL-JSON would have made of the accessors are unknown members; a missing isDone is named as such
    HttpResponse<String> stripped = GeneratedProjectIT.send("POST", base + "/tasks",
        "{\"title\":\"Pack\",\"done\":true,\"getaway\":\"coast\"}", null);
    assertEquals(422, stripped.statusCode(), stripped.body());
    assertEquals(List.of("#/done"), JsonTree.errors(stripped.body()).stream().map(e -> e.get("pointer")).toList());
    HttpResponse<String> missing = GeneratedProjectIT.send("POST", base + "/tasks", "{\"title\":\"Pack\",\"getaway\":\"c\"}", null);
    assertEquals(422, missing.statusCode(), missing.body());
    assertEquals(List.of("#/isDone"), JsonTree.errors(missing.body()).stream().map(e -> e.get("pointer")).toList());

    Map<String, Object> doc = JsonTree.object(GeneratedProjectIT.send("GET", base + "/openapi.json", null, null).body());
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) schemas.get("TaskInput")).get("properties");
    assertEquals(List.of("title", "isDone", "getaway", "settled", "isbn", "away"), List.copyOf(input.keySet()));

    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT is_done, getaway, settled, isbn, away FROM tasks")) {
      assertTrue(rs.next());
      assertEquals(false, rs.getBoolean("is_done"));
      assertEquals("coast", rs.getString("getaway"));
      assertEquals(false, rs.getBoolean("settled"));
      assertEquals("978-3", rs.getString("isbn"));
      assertEquals("north", rs.getString("away"));
    }
  }
}
