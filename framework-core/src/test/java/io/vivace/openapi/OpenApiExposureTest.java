package io.vivace.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.impl.AppImpl;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code VIVACE_OPENAPI_SERVE}: the document and the UI on the app's port, or only on the
 * management server ({@code VIVACE_MANAGEMENT_PORT}), by default there when it exists.
 */
class OpenApiExposureTest {
  @AfterEach
  void clear() {
    System.clearProperty("vivace.openapi-serve");
  }

  static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  static HttpResponse<String> get(TestServer s, int port, String path) {
    return s.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  @Test
  void offByDefaultInProductionUnlessAskedFor() {
    java.util.function.Function<java.util.Map<String, String>, Boolean> enabled =
        env -> OpenApiOptions.from(new io.vivace.config.Config(env, new java.util.Properties())).enabled();
    assertTrue(enabled.apply(java.util.Map.of()), "on in development");
    assertEquals(false, enabled.apply(java.util.Map.of("VIVACE_PROFILE", "prod")), "off in production");
    assertTrue(enabled.apply(java.util.Map.of("VIVACE_PROFILE", "prod", "VIVACE_OPENAPI", "true")), "unless asked for");
    assertEquals(false, enabled.apply(java.util.Map.of("VIVACE_OPENAPI", "false")));
  }

  @Test
  void withAManagementPortTheyMoveThereByDefault() throws Exception {
    int management = freePort();
    try (TestServer s = TestServer.start(TestServer.options().managementPort(management), OpenApiTest::declare)) {
      assertEquals(management, ((AppImpl) s.app()).managementPort());
      for (String path : new String[] {"/openapi.json", "/openapi.yaml", "/docs", "/docs/swagger-ui-bundle.js"}) {
        assertEquals(404, s.get(path).statusCode(), "not on the public port: " + path);
      }
      HttpResponse<String> doc = get(s, management, "/openapi.json");
      assertEquals(200, doc.statusCode(), doc.body());
      assertEquals("application/json", doc.headers().firstValue("content-type").orElseThrow());
      JsonObject json = new JsonObject(doc.body());
      assertEquals("listArticles", json.getJsonObject("paths").getJsonObject("/articles").getJsonObject("get")
          .getString("operationId"), "the app's routes, as on the app's port");
      assertTrue(get(s, management, "/openapi.yaml").body().startsWith("openapi: 3.1.1"));
      HttpResponse<String> page = get(s, management, "/docs");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<script src=\"/docs/swagger-ui-bundle.js\"></script>"), page.body());
      HttpResponse<String> bundle = get(s, management, "/docs/swagger-ui-bundle.js");
      assertEquals(200, bundle.statusCode());
      assertEquals("public, max-age=86400", bundle.headers().firstValue("cache-control").orElseThrow());
      assertEquals(200, get(s, management, "/docs/initializer.js").statusCode());
      assertEquals(200, get(s, management, "/metrics").statusCode(), "the management routes stay");
      assertEquals(404, get(s, management, "/articles").statusCode(), "the API stays on the app's port");
      assertEquals(200, s.get("/articles").statusCode());
    }
  }

  @Test
  void appKeepsThemOnThePublicPortBesideAManagementPort() throws Exception {
    System.setProperty("vivace.openapi-serve", "app");
    int management = freePort();
    try (TestServer s = TestServer.start(TestServer.options().managementPort(management), OpenApiTest::declare)) {
      assertEquals(200, s.get("/openapi.json").statusCode());
      assertEquals(200, s.get("/docs").statusCode());
      assertEquals(404, get(s, management, "/openapi.json").statusCode());
      assertEquals(404, get(s, management, "/docs").statusCode());
    }
  }

  @Test
  void withoutAManagementPortAutoIsThePublicPort() {
    try (TestServer s = TestServer.start(OpenApiTest::declare)) {
      assertEquals(-1, ((AppImpl) s.app()).managementPort());
      assertEquals(200, s.get("/openapi.json").statusCode());
      assertEquals(200, s.get("/docs").statusCode());
    }
  }

  @Test
  void managementWithoutAManagementPortOrABadValueFailsTheStartNamingTheSetting() throws Exception {
    for (String value : new String[] {"management", "public"}) {
      System.setProperty("vivace.openapi-serve", value);
      App app = Vivace.app(TestServer.options());
      OpenApiTest.declare(app);
      try {
        app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        app.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        throw new AssertionError("started with " + value);
      } catch (ExecutionException e) {
        assertInstanceOf(ConfigException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("VIVACE_OPENAPI_SERVE"), e.getCause().getMessage());
      }
      assertEquals(-1, app.port());
    }
  }
}
