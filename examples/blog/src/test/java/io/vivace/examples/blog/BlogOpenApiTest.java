package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.OpenApiCheck;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The blog's served OpenAPI document: complete, with its security and includes, and clean under Redocly's rules. */
class BlogOpenApiTest {

  @Test
  void documentIsCompleteAndLintsClean() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    TestServer server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(1, 1, 1),
        BlogWritesTest.AUTH));
    try {
      JsonObject doc = OpenApiCheck.completeDocument(server);
      JsonObject paths = doc.getJsonObject("paths");
      JsonObject update = paths.getJsonObject("/posts/{id}").getJsonObject("put");
      assertEquals(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())), update.getJsonArray("security"));
      for (String status : new String[] {"401", "403", "404", "412", "415", "422"}) {
        assertTrue(update.getJsonObject("responses").containsKey(status), status + " in " + update.getJsonObject("responses"));
      }
      JsonObject getPost = paths.getJsonObject("/posts/{id}").getJsonObject("get");
      assertTrue(getPost.getJsonObject("responses").containsKey("304"));
      JsonObject include = getPost.getJsonArray("parameters").stream().map(JsonObject.class::cast)
          .filter(p -> p.getString("name").equals("include")).findFirst().orElseThrow();
      assertEquals(new JsonArray().add("author").add("comments").add("tags"),
          include.getJsonObject("schema").getJsonObject("items").getJsonArray("enum"));
      assertTrue(paths.containsKey("/auth/login"), paths.fieldNames().toString());
      assertTrue(paths.getJsonObject("/posts/feed").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
          .getJsonObject("headers").containsKey("Link"));
      // the bodies' Rules in their schemas
      JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
      JsonObject newPost = schemas.getJsonObject("NewPost");
      assertEquals(new JsonArray().add("title").add("body"), newPost.getJsonArray("required"));
      assertEquals(new JsonObject().put("type", "string").put("minLength", 1).put("pattern", "\\S").put("maxLength", 200),
          newPost.getJsonObject("properties").getJsonObject("title"));
      assertEquals(20_000, newPost.getJsonObject("properties").getJsonObject("body").getInteger("maxLength"));
      JsonObject email = schemas.getJsonObject("NewUser").getJsonObject("properties").getJsonObject("email");
      assertEquals("email", email.getString("format"));
      assertEquals(3, email.getInteger("minLength"));
      assertEquals(320, email.getInteger("maxLength"));
      OpenApiCheck.lint(doc, "blog");
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
