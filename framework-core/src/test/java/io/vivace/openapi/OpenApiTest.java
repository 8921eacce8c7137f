package io.vivace.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.App;
import io.vivace.extract.Body;
import io.vivace.extract.Header;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.httpcache.Preconditions;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.Page;
import io.vivace.pagination.Pagination;
import io.vivace.response.Response;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The document an app serves, read from a real server: paths, parameters, schemas, $refs, errors. */
class OpenApiTest {
  enum Status { DRAFT, PUBLISHED }

  @CompiledJson
  public record Author(long id, String name) {
  }

  @CompiledJson
  public record Article(long id, String title, Status status, Author author, List<String> tags,
      Map<String, Integer> counts, Optional<String> summary, double score) {
  }

  @CompiledJson
  public record NewArticle(String title, Status status) {
  }

  static void declare(App app) {
    app.get("/articles", Query.string("q").orElse(""), Pagination.offset(), (q, page) -> Page.<Article>slice(List.of(), page))
        .produces(Page.class, Article.class).operationId("listArticles").summary("List articles").tags("articles");
    app.get("/feed", Pagination.keyset(), page -> new CursorPage<Article>(List.of(), page.limit(), null))
        .produces(CursorPage.class, Article.class);
    app.get("/articles/:id", Path.longValue("id"), id -> Optional.<Article>empty()).produces(Article.class);
    app.post("/articles", Body.json(NewArticle.class), in -> Response.created("/articles/1", new Article(1, in.title(),
        in.status(), null, List.of(), Map.of(), Optional.empty(), 0))).produces(Article.class).status(201);
    app.put("/articles/:id", Path.longValue("id"), Preconditions.IF_MATCH, Body.json(NewArticle.class),
        (id, ifMatch, in) -> Response.noContent()).status(204).deprecated();
    app.get("/search", Query.intValue("limit").orElse(20).range(1, 50), Header.string("X-Trace").optional(),
        (limit, trace) -> "ok").produces(String.class);
    app.get("/undeclared", () -> "x");
    app.put("/pins/:id", Path.longValue("id"), id -> Response.ok(new Article(id, "pinned", null, null, List.of(), Map.of(),
        Optional.empty(), 0))).produces(Article.class).status(201).otherStatuses(200);
    app.patch("/articles/:id", Preconditions.withIfMatch(Path.longValue("id")), Body.json(NewArticle.class),
        (target, in) -> Response.noContent()).status(204);
    app.get("/tags", io.vivace.httpcache.ETags.IF_NONE_MATCH, inm -> io.vivace.httpcache.ETags.conditional(inm, List.of("a")))
        .produces(List.class, String.class);
  }

  static JsonObject document(TestServer s) {
    HttpResponse<String> r = s.get("/openapi.json");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    return new JsonObject(r.body());
  }

  @Test
  void pathsParametersAndOperationMetadata() {
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      JsonObject doc = document(s);
      assertEquals("3.1.1", doc.getString("openapi"));
      JsonObject paths = doc.getJsonObject("paths");
      assertEquals(List.of("/articles", "/feed", "/articles/{id}", "/search", "/undeclared", "/pins/{id}", "/tags"), List.copyOf(paths.fieldNames()));
      assertFalse(paths.containsKey("/openapi.json"), "the document's own routes are not in it");

      JsonObject list = paths.getJsonObject("/articles").getJsonObject("get");
      assertEquals("listArticles", list.getString("operationId"));
      assertEquals("List articles", list.getString("summary"));
      assertEquals(new JsonArray().add("articles"), list.getJsonArray("tags"));
      JsonObject perPage = param(list, "per_page");
      assertEquals("query", perPage.getString("in"));
      assertEquals(20, perPage.getJsonObject("schema").getInteger("default"));
      assertEquals(100, perPage.getJsonObject("schema").getInteger("maximum"));
      assertEquals(1, param(list, "page").getJsonObject("schema").getInteger("minimum"));
      assertFalse(param(list, "q").getBoolean("required"));

      JsonObject feed = paths.getJsonObject("/feed").getJsonObject("get");
      assertNotNull(param(feed, "cursor"));
      assertNotNull(param(feed, "limit"));
      assertEquals("getFeed", feed.getString("operationId"));
      assertTrue(feed.getJsonObject("responses").getJsonObject("200").getJsonObject("headers").containsKey("Link"));

      JsonObject one = paths.getJsonObject("/articles/{id}").getJsonObject("get");
      JsonObject id = param(one, "id");
      assertEquals("path", id.getString("in"));
      assertTrue(id.getBoolean("required"));
      assertEquals(new JsonObject().put("type", "integer").put("format", "int64"), id.getJsonObject("schema"));
      assertEquals("#/components/responses/NotFound", one.getJsonObject("responses").getJsonObject("404").getString("$ref"));

      JsonObject search = paths.getJsonObject("/search").getJsonObject("get");
      JsonObject limit = param(search, "limit").getJsonObject("schema");
      assertEquals(new JsonObject().put("type", "integer").put("format", "int32").put("minimum", 1L).put("maximum", 50L)
          .put("default", 20), limit);
      assertFalse(param(search, "X-Trace").getBoolean("required"));
      assertEquals("text/plain", search.getJsonObject("responses").getJsonObject("200").getJsonObject("content")
          .fieldNames().iterator().next());
      assertEquals(new JsonArray(), search.getJsonArray("security"));

      JsonObject tags = paths.getJsonObject("/tags").getJsonObject("get").getJsonObject("responses");
      assertTrue(tags.containsKey("304"), tags.encode());
      assertTrue(tags.getJsonObject("200").getJsonObject("headers").containsKey("ETag"));
      assertEquals("array", tags.getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
          .getJsonObject("schema").getString("type"));
    }
  }

  @Test
  void requestBodiesResponsesAndSharedSchemas() {
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      JsonObject doc = document(s);
      JsonObject create = doc.getJsonObject("paths").getJsonObject("/articles").getJsonObject("post");
      assertEquals("#/components/schemas/NewArticle", create.getJsonObject("requestBody").getJsonObject("content")
          .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
      JsonObject created = create.getJsonObject("responses").getJsonObject("201");
      assertTrue(created.getJsonObject("headers").containsKey("Location"));
      for (String status : List.of("400", "413", "415", "422")) {
        assertTrue(create.getJsonObject("responses").containsKey(status), status);
      }
      JsonObject pin = doc.getJsonObject("paths").getJsonObject("/pins/{id}").getJsonObject("put").getJsonObject("responses");
      assertTrue(pin.getJsonObject("201").getJsonObject("headers").containsKey("Location"), "created: a Location");
      assertEquals(pin.getJsonObject("201").getJsonObject("content"), pin.getJsonObject("200").getJsonObject("content"),
          "the other success status documents the same body");
      assertFalse(pin.getJsonObject("200").containsKey("headers"), "200 is no creation: no Location");
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> io.vivace.Vivace.app().put("/x", () -> "x").otherStatuses(200, 409));
      assertTrue(bad.getMessage().contains("409"), bad.getMessage());
      JsonObject update = doc.getJsonObject("paths").getJsonObject("/articles/{id}").getJsonObject("put");
      assertTrue(update.getBoolean("deprecated"));
      assertTrue(update.getJsonObject("responses").containsKey("204"));
      assertTrue(update.getJsonObject("responses").containsKey("412"));
      assertNotNull(param(update, "If-Match"));
      JsonObject patch = doc.getJsonObject("paths").getJsonObject("/articles/{id}").getJsonObject("patch");
      assertNotNull(param(patch, "If-Match"), "withIfMatch describes the header and what it wraps");
      assertEquals("int64", param(patch, "id").getJsonObject("schema").getString("format"));
      assertTrue(patch.getJsonObject("responses").containsKey("412"));

      JsonObject components = doc.getJsonObject("components");
      JsonObject schemas = components.getJsonObject("schemas");
      JsonObject article = schemas.getJsonObject("Article").getJsonObject("properties");
      assertEquals(new JsonObject().put("type", "integer").put("format", "int64"), article.getJsonObject("id"));
      assertEquals(new JsonArray().add("string").add("null"), article.getJsonObject("title").getValue("type"));
      assertEquals("#/components/schemas/Status", article.getJsonObject("status").getJsonArray("anyOf")
          .getJsonObject(0).getString("$ref"));
      assertEquals("#/components/schemas/Author", article.getJsonObject("author").getJsonArray("anyOf")
          .getJsonObject(0).getString("$ref"));
      assertEquals("string", article.getJsonObject("tags").getJsonObject("items").getString("type"));
      assertEquals("int32", article.getJsonObject("counts").getJsonObject("additionalProperties").getString("format"));
      assertEquals("double", article.getJsonObject("score").getString("format"));
      assertEquals(new JsonArray().add("id").add("score"), schemas.getJsonObject("Article").getJsonArray("required"));
      assertEquals(new JsonArray().add("DRAFT").add("PUBLISHED"), schemas.getJsonObject("Status").getJsonArray("enum"));
      assertEquals("#/components/schemas/Article", schemas.getJsonObject("ArticlePage").getJsonObject("properties")
          .getJsonObject("items").getJsonObject("items").getString("$ref"));
      assertTrue(schemas.getJsonObject("ArticleCursorPage").getJsonObject("properties").containsKey("next_cursor"));
      assertTrue(schemas.containsKey("Problem"));
      JsonObject notFound = components.getJsonObject("responses").getJsonObject("NotFound");
      assertEquals("#/components/schemas/Problem", notFound.getJsonObject("content")
          .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
      assertNull(components.getJsonObject("securitySchemes"), "no route needs a token");
      assertEveryRefResolves(doc);
    }
  }

  @Test
  void yamlIsTheSameDocument() {
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      HttpResponse<String> r = s.get("/openapi.yaml");
      assertEquals(200, r.statusCode());
      assertTrue(r.body().startsWith("openapi: 3.1.1"), r.body().substring(0, 40));
      Object parsed = new org.yaml.snakeyaml.Yaml().load(r.body());
      assertEquals(document(s).getMap(), new JsonObject((Map<String, Object>) parsed).getMap());
    }
  }

  @Test
  void docsPageLoadsOnlyLocalAssets() {
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      HttpResponse<String> page = s.get("/docs");
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
      Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
      int assets = 0;
      while (m.find()) {
        String url = m.group(1);
        assertTrue(url.startsWith("/docs/"), "loads from another place: " + url);
        HttpResponse<String> asset = s.get(url);
        assertEquals(200, asset.statusCode(), url);
        assets++;
      }
      assertEquals(6, assets, page.body());
      String init = s.get("/docs/initializer.js").body();
      assertTrue(init.contains("'/openapi.json'"), init);
      assertFalse(page.body().contains("http://") || page.body().contains("https://"), page.body());
      assertEquals(404, s.get("/docs/nothing.js").statusCode());
    }
  }

  @Test
  void turnedOffAnswers404() {
    System.setProperty("vivace.openapi", "false");
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      assertEquals(404, s.get("/openapi.json").statusCode());
      assertEquals(404, s.get("/openapi.yaml").statusCode());
      assertEquals(404, s.get("/docs").statusCode());
      assertEquals(200, s.get("/search").statusCode());
    } finally {
      System.clearProperty("vivace.openapi");
    }
  }

  @Test
  void pathsCanMove() {
    System.setProperty("vivace.openapi-path", "/api/spec");
    System.setProperty("vivace.openapi-docs-path", "/api/ui");
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      assertEquals(200, s.get("/api/spec.json").statusCode());
      assertEquals(200, s.get("/api/ui").statusCode());
      assertTrue(s.get("/api/ui/initializer.js").body().contains("'/api/spec.json'"));
      assertEquals(404, s.get("/openapi.json").statusCode());
    } finally {
      System.clearProperty("vivace.openapi-path");
      System.clearProperty("vivace.openapi-docs-path");
    }
  }

  @Test
  void undeclaredResultTypeIsNamedInAWarning() {
    try (io.vivace.testing.LogCapture log = io.vivace.testing.LogCapture.start();
        TestServer s = TestServer.start(OpenApiTest::declare)) {
      assertEquals(200, s.get("/openapi.json").statusCode());
      ch.qos.logback.classic.spi.ILoggingEvent warning = log.await(
          e -> e.getFormattedMessage().contains("GET /undeclared declares no result type"),
          java.time.Duration.ofSeconds(10), "naming GET /undeclared");
      assertEquals(ch.qos.logback.classic.Level.WARN, warning.getLevel());
      assertEquals("io.vivace.openapi", warning.getLoggerName());
      assertFalse(log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("GET /articles declares")),
          "a route with a declared result type is not named");
    }
  }

  private static JsonObject param(JsonObject op, String name) {
    for (Object p : op.getJsonArray("parameters")) {
      if (((JsonObject) p).getString("name").equals(name)) {
        return (JsonObject) p;
      }
    }
    throw new AssertionError("no parameter " + name + " in " + op.getJsonArray("parameters"));
  }

  /** Every {@code $ref} in the document points at something the document has. */
  static void assertEveryRefResolves(JsonObject doc) {
    Matcher m = Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(doc.encode());
    int refs = 0;
    while (m.find()) {
      Object at = doc;
      for (String part : m.group(1).split("/")) {
        assertTrue(at instanceof JsonObject o && o.containsKey(part), "unresolved $ref #/" + m.group(1));
        at = ((JsonObject) at).getValue(part);
      }
      refs++;
    }
    assertTrue(refs > 5, "refs: " + refs);
  }
}
