package io.vivace.db.impl;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Migrations are read through the thread's context loader when it is the framework's loader or a
 * child of it (the loader of an app version under {@code vivace dev}, which alone sees that version's
 * {@code db/migration}), and through the framework's own otherwise.
 */
class MigrationsLoaderTest {

  @Test
  void aChildOfTheFrameworksLoaderIsUsedAnUnrelatedOneIsNot() throws Exception {
    ClassLoader own = Migrations.class.getClassLoader();
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    try (URLClassLoader child = new URLClassLoader(new URL[0], own);
        URLClassLoader unrelated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      t.setContextClassLoader(child);
      assertSame(child, Migrations.loader());
      t.setContextClassLoader(unrelated);
      assertSame(own, Migrations.loader(), "it would not see the framework's classes");
      t.setContextClassLoader(null);
      assertSame(own, Migrations.loader());
    } finally {
      t.setContextClassLoader(before);
    }
  }
}
