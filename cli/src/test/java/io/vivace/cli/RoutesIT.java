package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vivace routes} reads the table from the application itself ({@code App.servedRoutes()}): a
 * {@code db,cache,auth} project with a resource and a class of extra routes (a group, a blocking
 * route, a pattern before an exact path), compiled against the installed framework. Routes of the
 * auth module and of groups come from the app, not from its sources. Nothing starts: no database.
 */
class RoutesIT {
  @TempDir
  Path tmp;

  @Test
  void theTableComesFromTheApp() throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString(), "--features", "db,cache,auth").exit());
    Path p = tmp.resolve("shop");
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "--dir", p.toString()).exit());
    Files.writeString(p.resolve("src/main/java/com/example/shop/Extra.java"), """
        package com.example.shop;

        import io.vivace.extract.Body;
        import io.vivace.extract.Path;

        final class Extra {
          static void register(io.vivace.App app) {
            app.get("/users/:id", Path.longValue("id"), id -> id);
            app.get("/users/me", () -> "me");
            app.group("/api", api -> {
              api.post("/items", Body.json(Greeting.class), i -> i);
              api.get("/items/count", () -> 1);
              api.get("/slow", () -> 2).blocking();
            });
          }
        }
        """);
    Path app = p.resolve("src/main/java/com/example/shop/ShopApp.java");
    Files.writeString(app, Files.readString(app).replace("    return app;\n  }\n}", "    Extra.register(app);\n    return app;\n  }\n}"));

    String mavenOpts = "-Dmaven.repo.local=" + repo;
    Cli r = Cli.run("routes", "--dir", p.resolve("src").toString(), "--mvn", mvnWith(mavenOpts));
    assertEquals(0, r.exit(), r.toString());
    String out = r.out();
    for (String line : new String[] {
        "GET     /books/feed +static", "GET     /books/:id +router", "DELETE  /books/:id +router",
        "GET     /hello/:name +router",
        "POST    /auth/login +router", "GET     /auth/me +\\S+",
        "GET     /users/me +router \\(after GET /users/:id\\)", "POST    /api/items +router",
        "GET     /api/items/count +static", "GET     /api/slow +router",
        "GET     /health +router \\(framework\\)", "GET     /health/ready +router \\(framework\\)",
        "GET     /metrics +router \\(framework\\)"}) {
      assertTrue(out.matches("(?s)(.*\n)?" + line + "\n.*"), line + " in:\n" + out);
    }
  }

  /** A script running this build's Maven with {@code opts} (the test's local repository). */
  private String mvnWith(String opts) throws Exception {
    Path mvnScript = tmp.resolve("mvn.sh");
    Files.writeString(mvnScript, "#!/bin/sh\nexec \"" + GeneratedProjectIT.mvn() + "\" " + opts + " \"$@\"\n");
    mvnScript.toFile().setExecutable(true);
    return mvnScript.toString();
  }
}
