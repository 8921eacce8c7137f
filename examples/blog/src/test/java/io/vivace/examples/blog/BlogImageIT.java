package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image Jib builds for the blog (docs/deployment.md), read from the tarball the
 * {@code image-layout} execution writes at {@code package} on the {@code scratch} base (offline, no
 * Docker daemon): the entrypoint runs the blog's main class with the production JVM flags, port 8080
 * is exposed, the environment binds every interface, the user is not root, and the layers hold the
 * app's classes, the framework and its libraries.
 */
class BlogImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode config;
  private static Set<String> files;

  @BeforeAll
  static void read() throws IOException {
    Path tar = Path.of("target", "jib-layout.tar");
    assertTrue(Files.isRegularFile(tar), "jib:buildTar (execution image-layout, phase package) wrote no " + tar);
    Map<String, byte[]> entries = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isFile()) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
    config = JSON.readTree(entries.get(manifest.get("Config").asText())).get("config");
    files = new HashSet<>();
    for (JsonNode layer : manifest.get("Layers")) {
      byte[] bytes = entries.get(layer.asText());
      assertTrue(bytes != null, "layer " + layer + " is in the tarball");
      try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes));
           TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
          files.add(e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""));
        }
      }
    }
  }

  @Test
  void entrypointRunsTheBlogWithProductionFlags() {
    String entrypoint = config.get("Entrypoint").toString();
    assertTrue(entrypoint.startsWith("[\"java\""), entrypoint);
    for (String part : new String[] {"-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
        "io.vivace.examples.blog.BlogApp"}) {
      assertTrue(entrypoint.contains(part), part + " in " + entrypoint);
    }
  }

  @Test
  void exposesThePortWithTheEnvironmentOfAContainer() {
    assertTrue(config.get("ExposedPorts").has("8080/tcp"), config.toString());
    String env = config.get("Env").toString();
    for (String variable : new String[] {"HOST=0.0.0.0", "PORT=8080", "VIVACE_DRAIN_DELAY=5000"}) {
      assertTrue(env.contains(variable), variable + " in " + env);
    }
    assertEquals("65532:65532", config.get("User").asText(), "not root");
  }

  @Test
  void layersHoldTheClassesTheFrameworkAndTheLibraries() {
    assertTrue(files.contains("app/classes/io/vivace/examples/blog/BlogApp.class"), "the app's classes: " + sample());
    assertTrue(files.stream().anyMatch(f -> f.matches("app/libs/vivace-core-.*\\.jar")), "the framework: " + sample());
    assertTrue(files.stream().anyMatch(f -> f.matches("app/libs/vertx-core-.*\\.jar")), "Vert.x: " + sample());
    assertTrue(files.stream().anyMatch(f -> f.startsWith("app/resources/db/migration/")), "the migrations: " + sample());
  }

  private static String sample() {
    return files.stream().sorted().limit(40).toList().toString();
  }
}
