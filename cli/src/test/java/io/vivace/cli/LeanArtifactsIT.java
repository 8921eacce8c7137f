package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a generated project ships: {@code mvn -B package} (no dev profile) gives a jar under 20 MB
 * without the embedded PostgreSQL, which under {@code VIVACE_PROFILE=prod} and without
 * {@code DATABASE_URL} exits 2 with one line naming it; {@code -Pdev} puts the embedded server back;
 * {@code jib:buildTar} writes an image tarball (no Docker daemon) whose layers, entrypoint, user and
 * environment are checked here. Registries are not reachable from every build machine, so the image
 * is built on the {@code scratch} base ({@code -Djib.from.image=scratch}); the project's own base,
 * {@code eclipse-temurin:<java>-jre}, only adds its layers below these. Maven runs online once so it
 * can fetch the Jib plugin, which the framework's own build never uses.
 */
class LeanArtifactsIT {
  static final long MAX_JAR_BYTES = 20L * 1024 * 1024;

  @TempDir
  Path tmp;

  @Test
  void theDefaultJarIsLeanAndTheImageTarballIsRight() throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    Path project = tmp.resolve("shop");
    GeneratedProjectIT.run(project, GeneratedProjectIT.mvn(), "-B", "-q", "-Dmaven.repo.local=" + repo, "-DskipTests",
        "package", "jib:buildTar", "-Djib.from.image=scratch");

    Path jar = project.resolve("target/shop.jar");
    long lean = Files.size(jar);
    assertTrue(lean < MAX_JAR_BYTES, "target/shop.jar is " + lean + " bytes");
    assertFalse(hasEntry(jar, "postgres-linux-x86_64.txz") || hasEntry(jar, "io/vivace/db/embedded/impl/EmbeddedPostgres.class"),
        "the default jar has no embedded PostgreSQL");
    refusesWithoutDatabaseUrl(project);
    checkImage(project.resolve("target/shop-image.tar"));

    GeneratedProjectIT.run(project, GeneratedProjectIT.mvn(), "-B", "-o", "-q", "-Dmaven.repo.local=" + repo,
        "-DskipTests", "-Pdev", "package");
    long dev = Files.size(jar);
    assertTrue(hasEntry(jar, "postgres-linux-x86_64.txz"), "-Pdev keeps the embedded PostgreSQL");
    System.out.printf("LeanArtifactsIT: target/shop.jar %.1f MB (mvn -B package), %.1f MB (-Pdev)%n", lean / 1e6, dev / 1e6);
  }

  private static boolean hasEntry(Path jar, String name) throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.getEntry(name) != null;
    }
  }

  private static void refusesWithoutDatabaseUrl(Path project) throws Exception {
    Path log = project.resolve("target/prod.log");
    ProcessBuilder pb = new ProcessBuilder(GeneratedProjectIT.javaBin(), "-jar", "target/shop.jar")
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("DATABASE_URL");
    pb.environment().put("VIVACE_PROFILE", "prod");
    pb.environment().put("PORT", "0");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the app did not exit");
    List<String> lines = Files.readAllLines(log);
    assertEquals(2, p.exitValue(), String.join("\n", lines));
    assertEquals(List.of("vivace: invalid configuration: DATABASE_URL (system property vivace.database-url) is required "
        + "with VIVACE_PROFILE=prod: the embedded PostgreSQL is for development only"), lines);
  }

  /** The docker-save tarball: its config (user, entrypoint, env, port) and what each layer holds. */
  private static void checkImage(Path tar) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(files.get("manifest.json")).get(0);
    assertEquals("shop:0.1.0-SNAPSHOT", manifest.get("RepoTags").get(0).asText());
    JsonNode image = json.readTree(files.get(manifest.get("Config").asText()));
    JsonNode config = image.get("config");
    assertEquals("10001:10001", config.get("User").asText(), "not root");
    assertEquals(List.of("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "@/app/jib-classpath-file",
        "com.example.shop.ShopApp"), texts(config.get("Entrypoint")));
    List<String> env = texts(config.get("Env"));
    assertTrue(env.containsAll(List.of("PORT=8080", "HOST=0.0.0.0", "VIVACE_PROFILE=prod")), env.toString());
    assertTrue(config.get("ExposedPorts").has("8080/tcp"), config.toString());

    List<String> comments = new ArrayList<>();
    image.get("history").forEach(h -> comments.add(h.get("comment").asText()));
    assertEquals(List.of("dependencies", "snapshot dependencies", "resources", "classes", "jvm arg files"), comments);
    List<List<String>> layers = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      layers.add(entries(files.get(layer.asText())));
    }
    assertTrue(layers.get(0).stream().anyMatch(f -> f.matches("app/libs/vertx-core-[0-9.]+\\.jar")), layers.get(0).toString());
    assertTrue(layers.get(1).stream().anyMatch(f -> f.matches("app/libs/vivace-core-.*-SNAPSHOT\\.jar")), layers.get(1).toString());
    assertTrue(layers.get(3).contains("app/classes/com/example/shop/ShopApp.class"), layers.get(3).toString());
    assertTrue(layers.get(4).contains("app/jib-classpath-file") && layers.get(4).contains("app/jib-main-class-file"),
        layers.get(4).toString());
    for (List<String> layer : layers) {
      assertTrue(layer.stream().noneMatch(f -> f.contains("embedded") || f.contains("logback-test")), layer.toString());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> entries(byte[] gzippedTar) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream raw = new java.io.ByteArrayInputStream(gzippedTar);
        TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName().startsWith("/") ? e.getName().substring(1) : e.getName());
      }
    }
    return names;
  }
}
