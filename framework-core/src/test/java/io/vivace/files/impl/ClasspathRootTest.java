package io.vivace.files.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class-path folder inside a jar is extracted to a real folder; path checks refuse what leaves a root. */
class ClasspathRootTest {
  @TempDir
  Path dir;

  @Test
  void aFolderInsideAJarIsExtracted() throws Exception {
    Path jar = dir.resolve("site.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("web/"));
      out.putNextEntry(new JarEntry("web/index.html"));
      out.write("<p>from a jar</p>".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("web/css/app.css"));
      out.write("p{}".getBytes(StandardCharsets.UTF_8));
    }
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Thread.currentThread().setContextClassLoader(loader);
      Path root = ClasspathRoot.resolve("web");
      assertEquals("<p>from a jar</p>", Files.readString(root.resolve("index.html")));
      assertEquals("p{}", Files.readString(root.resolve("css/app.css")));
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
    assertThrows(IllegalArgumentException.class, () -> ClasspathRoot.check("../etc"));
    assertEquals("web", ClasspathRoot.check("/web/"));
  }

  @Test
  void safePathsRefuseEveryWayOut() {
    for (String bad : new String[] {"..", "a/../b", "%2e%2e/x", "%2E%2e%2fx", ".env", "a/.git/config", "a//b",
        "a\\b", "%5c", "a%00b", "c:x", "%zz", "%c0%ae", "%e2%82"}) {
      assertNull(SafePaths.relative(bad), bad);
    }
    assertEquals("a/b.css", SafePaths.relative("a/b.css"));
    assertEquals("docs", SafePaths.relative("docs/"));
    assertEquals("r\u00e9sum\u00e9.txt", SafePaths.relative("r%C3%A9sum%C3%A9.txt"));
    assertEquals("", SafePaths.relative(""));
  }

  @Test
  void rangesFollowRfc9110() {
    assertEquals("[0, 4]", java.util.Arrays.toString(Ranges.parse("bytes=0-4", 10)));
    assertEquals("[7, 9]", java.util.Arrays.toString(Ranges.parse("bytes=-3", 10)));
    assertEquals("[0, 9]", java.util.Arrays.toString(Ranges.parse("bytes=-30", 10)));
    assertEquals("[0, 0, 8, 9]", java.util.Arrays.toString(Ranges.parse("BYTES=0-0, 8-", 10)));
    assertEquals("[2, 3]", java.util.Arrays.toString(Ranges.parse("bytes=20-30, 2-3", 10)), "the satisfiable ones");
    assertEquals(Ranges.UNSATISFIABLE, Ranges.parse("bytes=10-", 10));
    assertNull(Ranges.parse("bytes=4-2", 10));
    assertNull(Ranges.parse("bytes=", 10));
    assertNull(Ranges.parse("bytes=1-2-3", 10));
    assertNull(Ranges.parse("bytes=" + "0-0,".repeat(17), 10), "too many ranges: the whole file");
    assertNull(Ranges.parse("bytes=99999999999999999999-", 10));
  }
}
