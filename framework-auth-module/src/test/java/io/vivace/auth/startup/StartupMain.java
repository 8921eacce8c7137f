package io.vivace.auth.startup;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.module.AuthModule;
import io.vivace.cache.Caches;
import io.vivace.db.Database;

/** An app with every module configured from the environment, for tests that need a process. */
public final class StartupMain {
  private StartupMain() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    Database db = Database.attach(app);
    Auth auth = Auth.attach(app);
    AuthModule.mount(app, db, auth);
    Caches.attach(app);
    app.run();
  }
}
