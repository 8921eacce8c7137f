package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar the root pom's shade setup makes (every example and tool gets the same): its
 * manifest grants native access (JDK 22+ warns about Netty's native transport otherwise), and the
 * files several dependencies ship under one name are merged rather than one of them kept.
 */
class RunnableJarIT {
  @Test
  void theShadedJarGrantsNativeAccessAndMergesSharedFiles() throws Exception {
    Path jar = Path.of("target", "hello.jar");
    assertTrue(Files.isRegularFile(jar), jar.toAbsolutePath() + " is built by the package phase");
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      assertEquals("ALL-UNNAMED", m.getMainAttributes().getValue("Enable-Native-Access"));
      assertEquals(HelloApp.class.getName(), m.getMainAttributes().getValue("Main-Class"));
      assertFalse(j.stream().anyMatch(e -> e.getName().startsWith("META-INF/maven/")),
          "no dependency's build descriptor in a runnable jar");
      String nettyVersions = new String(j.getInputStream(j.getEntry("META-INF/io.netty.versions.properties"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(nettyVersions.contains("netty-common.version") && nettyVersions.contains("netty-codec-http.version"),
          "every Netty module's versions, merged");
    }
  }
}
