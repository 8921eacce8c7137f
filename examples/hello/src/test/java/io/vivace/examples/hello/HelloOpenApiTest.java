package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vivace.testing.OpenApiCheck;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The hello app's served OpenAPI document: complete, and clean under Redocly's recommended rules. */
class HelloOpenApiTest {

  @Test
  void documentIsCompleteAndLintsClean() throws Exception {
    try (TestServer server = TestServer.start(HelloApp::routes)) {
      JsonObject doc = OpenApiCheck.completeDocument(server);
      JsonObject n = doc.getJsonObject("paths").getJsonObject("/primes/{n}").getJsonObject("get")
          .getJsonArray("parameters").getJsonObject(0).getJsonObject("schema");
      assertEquals(1, n.getInteger("minimum"));
      assertEquals(100_000, n.getInteger("maximum"));
      OpenApiCheck.lint(doc, "hello");
    }
  }
}
