package io.vivace.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code VIVACE_OPENAPI_EXPORT}: start() writes the document atomically and starts nothing. */
class OpenApiExportTest {
  @TempDir
  Path dir;

  @AfterEach
  void clear() {
    System.clearProperty("vivace.openapi-export");
  }

  private static App app() {
    App app = Vivace.app();
    OpenApiTest.declare(app);
    // a validator that would refuse the start (as a missing JWT_SECRET does): export runs before validators
    app.onValidate(c -> {
      throw new ConfigException("JWT_SECRET: required");
    });
    return app;
  }

  private static Throwable startFailure(App app) throws Exception {
    try {
      app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the app started");
  }

  @Test
  void startWritesTheDocumentAndStartsNothing() throws Exception {
    Path file = dir.resolve("api.json");
    System.setProperty("vivace.openapi-export", file.toString());
    App app = app();
    assertInstanceOf(OpenApi.Exported.class, startFailure(app));
    assertEquals(-1, app.port(), "nothing listens");
    JsonObject doc = new JsonObject(Files.readString(file));
    assertEquals(new JsonObject(OpenApi.json(app, OpenApiOptions.fromEnvironment())), doc);
    assertEquals("listArticles", doc.getJsonObject("paths").getJsonObject("/articles").getJsonObject("get")
        .getString("operationId"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void aYamlNameGivesYaml() throws Exception {
    Path file = dir.resolve("api.yaml");
    System.setProperty("vivace.openapi-export", file.toString());
    App app = app();
    assertInstanceOf(OpenApi.Exported.class, startFailure(app));
    Map<String, Object> doc = new Yaml().load(Files.readString(file));
    assertEquals("3.1.1", doc.get("openapi"));
    assertTrue(((Map<?, ?>) doc.get("paths")).containsKey("/articles/{id}"));
  }

  @Test
  void aMissingFolderFailsAndWritesNothing() throws Exception {
    Path file = dir.resolve("missing/api.json");
    System.setProperty("vivace.openapi-export", file.toString());
    Throwable failure = startFailure(app());
    assertInstanceOf(java.io.IOException.class, failure);
    assertTrue(failure.getMessage().contains("missing"), failure.getMessage());
    assertFalse(Files.exists(file.getParent()));
  }

  @Test
  void theSettingIsDeclaredOnce() {
    assertEquals("VIVACE_OPENAPI_EXPORT", OpenApiOptions.EXPORT.env());
    assertEquals(null, OpenApiOptions.from(new Config(Map.of(), new java.util.Properties())).export());
  }
}
