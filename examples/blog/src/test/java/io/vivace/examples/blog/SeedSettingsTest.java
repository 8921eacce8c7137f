package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.ConfigException;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.testing.TestServer;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The blog's seed settings are checked with every other setting, before the database is reached. */
class SeedSettingsTest {

  @Test
  void aBadSeedSettingStopsTheStartBeforeTheDatabase() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    System.setProperty("vivace.blog-seed", "true");
    System.setProperty("vivace.blog-seed-users", "0");
    try {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions()
          .url(new DatabaseUrl("127.0.0.1", closed, "blog", "postgres", null)).connectAttempts(1));
      Seed.onStart(app, db, null);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertInstanceOf(ConfigException.class, e.getCause(), "not the database's connection error: " + e.getCause());
      assertTrue(e.getCause().getMessage().startsWith("BLOG_SEED_USERS "), e.getCause().getMessage());
    } finally {
      System.clearProperty("vivace.blog-seed");
      System.clearProperty("vivace.blog-seed-users");
    }
  }
}
