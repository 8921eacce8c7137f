package io.vivace.db.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DbOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Apps started from the same folder get data folders of their own. */
class EmbeddedDirsTest {
  @Test
  void eachAppGetsItsOwnDefaultFolder() {
    assertEquals("blog", EmbeddedDirs.appName("examples/blog/target/blog.jar"));
    assertEquals("techempower", EmbeddedDirs.appName("examples/techempower/target/techempower.jar --flag"));
    assertEquals("helloapp", EmbeddedDirs.appName("io.vivace.examples.hello.HelloApp"));
    assertEquals("app", EmbeddedDirs.appName(null));
    assertEquals("app", EmbeddedDirs.appName("../.jar"));
    assertTrue(DbOptions.DEFAULT_EMBEDDED_DIR.contains(EmbeddedDirs.APP), DbOptions.DEFAULT_EMBEDDED_DIR);
    assertEquals(Path.of("custom/pg"), EmbeddedDirs.resolve(Path.of("custom/pg")));
    Path resolved = EmbeddedDirs.resolve(Path.of(DbOptions.DEFAULT_EMBEDDED_DIR));
    assertTrue(resolved.startsWith(".vivace") && resolved.endsWith("postgres") && resolved.getNameCount() == 3
        && !resolved.toString().contains("{"), resolved.toString());
  }
}
