package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** {@code vivace openapi}: runs a real app in a child JVM with the export setting; nothing listens. */
class OpenApiCommandTest {
  private static final String CP = System.getProperty("java.class.path");
  private static final String APP = "io.vivace.cli.openapi.ExportedApp";

  @TempDir
  Path dir;

  @Test
  void writesTheJsonDocumentToAFile() throws Exception {
    Path out = dir.resolve("openapi.json");
    Cli r = Cli.run("openapi", "--class-path", CP, "--main", APP, "-o", out.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals("wrote " + out + System.lineSeparator(), r.out());
    JsonObject doc = new JsonObject(Files.readString(out));
    assertEquals("3.1.1", doc.getString("openapi"));
    JsonObject item = doc.getJsonObject("paths").getJsonObject("/things/{id}");
    assertEquals("getThing", item.getJsonObject("get").getString("operationId"));
    assertEquals("deleteThing", item.getJsonObject("delete").getString("operationId"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left beside it");
    }
  }

  @Test
  void yamlByExtensionOrFormatAndStandardOutputWithoutO() throws Exception {
    Path out = dir.resolve("openapi.yaml");
    Cli r = Cli.run("openapi", "--class-path", CP, "--main", APP, "-o", out.toString());
    assertEquals(0, r.exit(), r.toString());
    Map<String, Object> doc = new Yaml().load(Files.readString(out));
    assertTrue(((Map<?, ?>) doc.get("paths")).containsKey("/things/{id}"));

    Cli stdout = Cli.run("openapi", "--class-path", CP, "--main", APP, "--format", "yaml");
    assertEquals(0, stdout.exit(), stdout.toString());
    assertEquals(doc, new Yaml().load(stdout.out()));
    Cli json = Cli.run("openapi", "--class-path", CP, "--main", APP);
    assertEquals(0, json.exit(), json.toString());
    assertEquals("getThing", new JsonObject(json.out()).getJsonObject("paths").getJsonObject("/things/{id}")
        .getJsonObject("get").getString("operationId"));
  }

  @Test
  void aFailingAppLeavesTheFileAsItWasWithOneLine() throws Exception {
    Path out = dir.resolve("openapi.json");
    Files.writeString(out, "{\"previous\": true}");
    Cli r = Cli.run("openapi", "--class-path", CP, "--main", APP + "$Broken", "-o", out.toString());
    assertEquals(VivaceCli.EXIT_IO, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("without writing its document") && r.err().contains("DATABASE_URL: not a postgres:// URL"),
        r.err());
    assertEquals("{\"previous\": true}", Files.readString(out));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void usageErrorsAreOneLine() {
    Cli noJar = Cli.run("openapi", "--jar", dir.resolve("app.jar").toString());
    assertEquals(VivaceCli.EXIT_USAGE, noJar.exit(), noJar.toString());
    assertTrue(noJar.err().contains("no such jar") && noJar.err().contains("mvn -B package"), noJar.err());
    Cli badFormat = Cli.run("openapi", "--class-path", CP, "--main", APP, "--format", "xml");
    assertEquals(VivaceCli.EXIT_USAGE, badFormat.exit());
    assertTrue(badFormat.err().contains("--format must be json or yaml"), badFormat.err());
    Cli half = Cli.run("openapi", "--main", APP);
    assertEquals(VivaceCli.EXIT_USAGE, half.exit());
    Cli notAProject = Cli.run("openapi", "--dir", dir.toString());
    assertEquals(VivaceCli.EXIT_NOT_A_PROJECT, notAProject.exit(), notAProject.toString());
    for (Cli c : new Cli[] {noJar, badFormat, half, notAProject}) {
      assertEquals(1, c.err().strip().lines().count(), c.err());
    }
  }

  @Test
  void aMissingOutputFolderIsAnIoErrorAndWritesNothing() {
    Path out = dir.resolve("missing/openapi.json");
    Cli r = Cli.run("openapi", "--class-path", CP, "--main", APP, "-o", out.toString());
    assertEquals(VivaceCli.EXIT_IO, r.exit(), r.toString());
    assertTrue(r.err().contains("no such folder"), r.err());
    assertFalse(Files.exists(out.getParent()));
  }
}
