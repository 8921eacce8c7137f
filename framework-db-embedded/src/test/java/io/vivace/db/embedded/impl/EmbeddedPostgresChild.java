package io.vivace.db.embedded.impl;

import java.nio.file.Path;

/** A JVM that starts an embedded server in the folder given as its argument, says "ready", and waits to be killed. */
public final class EmbeddedPostgresChild {
  private EmbeddedPostgresChild() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of(args[0]));
    System.out.println("ready " + pg.port());
    System.out.flush();
    Thread.sleep(600_000); // the test kills this JVM long before
  }
}
