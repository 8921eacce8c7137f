package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.extract.Path;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bearer extractors in the served OpenAPI document: the JWT scheme, required, optional, roles. */
class BearerOpenApiTest {

  @Test
  void bearerSchemeRolesAndAuthErrorsAreDocumented() {
    try (TestServer server = TestServer.start(app -> {
      Auth auth = Auth.attach(app, new AuthOptions().secret(JwtTest.SECRET));
      app.get("/me", auth.user(), u -> u.id()).produces(String.class);
      app.get("/maybe", auth.optionalUser(), u -> "x").produces(String.class);
      app.group("/admin", admin -> {
        admin.require(auth.role("admin", "owner"));
        admin.delete("/things/:id", Path.longValue("id"), id -> io.vivace.response.Response.noContent()).status(204);
      });
    })) {
      HttpResponse<String> r = server.get("/openapi.json");
      assertEquals(200, r.statusCode());
      JsonObject doc = new JsonObject(r.body());
      JsonObject scheme = doc.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearerAuth");
      assertEquals("http", scheme.getString("type"));
      assertEquals("bearer", scheme.getString("scheme"));
      assertEquals("JWT", scheme.getString("bearerFormat"));
      JsonObject paths = doc.getJsonObject("paths");
      JsonObject me = paths.getJsonObject("/me").getJsonObject("get");
      assertEquals(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())), me.getJsonArray("security"));
      assertTrue(me.getJsonObject("responses").containsKey("401"));

      JsonObject maybe = paths.getJsonObject("/maybe").getJsonObject("get");
      assertEquals(new JsonArray().add(new JsonObject()).add(new JsonObject().put("bearerAuth", new JsonArray())),
          maybe.getJsonArray("security"));

      JsonObject delete = paths.getJsonObject("/admin/things/{id}").getJsonObject("delete");
      assertEquals(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray().add("admin").add("owner"))),
          delete.getJsonArray("security"), "the group's guard is part of the operation");
      assertTrue(delete.getString("description").contains("admin or owner"), delete.encode());
      assertTrue(delete.getJsonObject("responses").containsKey("403"));
      assertTrue(delete.getJsonObject("responses").containsKey("401"));
      assertTrue(delete.getJsonObject("responses").containsKey("204"));
    }
  }
}
