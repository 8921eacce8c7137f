package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.OpenApiCheck;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The TechEmpower app's served OpenAPI document: complete, and clean under Redocly's recommended rules. */
class TechEmpowerOpenApiTest {

  @Test
  void documentIsCompleteAndLintsClean() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    TestServer server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH));
    try {
      JsonObject doc = OpenApiCheck.completeDocument(server);
      JsonObject paths = doc.getJsonObject("paths");
      JsonObject queries = paths.getJsonObject("/queries").getJsonObject("get").getJsonArray("parameters").getJsonObject(0);
      assertEquals("queries", queries.getString("name"));
      assertEquals(500, queries.getJsonObject("schema").getInteger("maximum"));
      assertEquals("text/html", paths.getJsonObject("/fortunes").getJsonObject("get").getJsonObject("responses")
          .getJsonObject("200").getJsonObject("content").fieldNames().iterator().next());
      assertEquals("randomNumber", doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("World")
          .getJsonObject("properties").fieldNames().stream().filter(n -> !n.equals("id")).findFirst().orElseThrow(),
          "the member name DSL-JSON writes (@JsonAttribute)");
      OpenApiCheck.lint(doc, "techempower");
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
