package io.vivace.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's run-time class path for {@code vivace dev}: its dependencies with the {@code dev}
 * profile (so the embedded PostgreSQL is there), asked of Maven once
 * ({@code maven-dependency-plugin:build-classpath}) and cached in {@code target/vivace-dev/} under the
 * hash of {@code pom.xml}: Maven runs again only when the pom changes.
 */
final class DevClasspath {
  private DevClasspath() {
  }

  /**
   * The jars, resolving them with {@code mvn} when the cache is missing or stale; progress goes to {@code out}.
   *
   * @throws CliException exit 4 when Maven fails (its output is in {@code target/vivace-dev/maven.log})
   */
  static List<Path> resolve(Project project, String mvn, String dependencyPlugin, PrintWriter out)
      throws IOException, InterruptedException {
    Path dir = project.root.resolve("target/vivace-dev");
    Files.createDirectories(dir);
    Path cache = dir.resolve("classpath.txt");
    Path key = dir.resolve("classpath.pom-sha256");
    String sha = sha256(Files.readAllBytes(project.root.resolve("pom.xml")));
    if (!Files.isRegularFile(cache) || !Files.isRegularFile(key) || !Files.readString(key).equals(sha)) {
      out.println("Resolving the class path with Maven (once; again only when pom.xml changes)...");
      out.flush();
      long t0 = System.nanoTime();
      Path log = dir.resolve("maven.log");
      Process p = new ProcessBuilder(mvn, "-B", "-q", "-Pdev", "org.apache.maven.plugins:maven-dependency-plugin:"
          + dependencyPlugin + ":build-classpath", "-Dmdep.includeScope=runtime", "-Dmdep.outputFile=" + cache)
          .directory(project.root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new CliException(VivaceCli.EXIT_IO, "Maven could not resolve the project's class path; see " + log);
      }
      Files.writeString(key, sha);
      out.printf("Class path resolved in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      out.flush();
    }
    List<Path> jars = new ArrayList<>();
    for (String e : Files.readString(cache, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
      if (!e.isBlank()) {
        jars.add(Path.of(e));
      }
    }
    return jars;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
