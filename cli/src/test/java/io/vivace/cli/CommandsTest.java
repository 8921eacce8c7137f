package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in process: what they write, their exit statuses, and that a refused command writes nothing. */
class CommandsTest {
  @TempDir
  Path tmp;

  Path newProject(String features) {
    Cli r = Cli.run("new", "shop", "--dir", tmp.toString(), "--features", features);
    assertEquals(0, r.exit(), r.toString());
    return tmp.resolve("shop");
  }

  static void assertFails(int exit, String message, Cli r) {
    assertEquals(exit, r.exit(), r.toString());
    assertTrue(r.err().contains(message), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(!r.err().contains("\u001b["), "no colour when not on a terminal: " + r.err());
  }

  @Test
  void newWritesADbProject() throws IOException {
    Path p = newProject("db");
    for (String f : new String[] {"pom.xml", "README.md", ".gitignore", "vivace.properties",
        "src/main/java/com/example/shop/ShopApp.java", "src/main/java/com/example/shop/Resources.java",
        "src/test/java/com/example/shop/ShopAppTest.java", "src/main/resources/db/migration/.gitkeep",
        "src/gatling/java/com/example/shop/ShopSimulation.java"}) {
      assertTrue(Files.isRegularFile(p.resolve(f)), f);
    }
    String pom = Files.readString(p.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>vivace-db</artifactId>"), pom);
    assertTrue(Files.readString(p.resolve("README.md")).contains("java -jar target/shop.jar"));
    assertFalse(Files.exists(p.resolve("Dockerfile")), "the image comes from Jib, not an untested Dockerfile");
    // The embedded PostgreSQL only in test scope and the dev profile: the default jar leaves it out.
    String main = pom.substring(0, pom.indexOf("<profiles>"));
    int embedded = main.indexOf("<artifactId>vivace-db-embedded</artifactId>");
    assertTrue(embedded > 0 && main.substring(embedded).startsWith("<artifactId>vivace-db-embedded</artifactId>\n"
        + "      <version>${vivace.version}</version>\n      <scope>test</scope>"), pom);
    assertTrue(pom.contains("<id>dev</id>"), pom);
    assertTrue(pom.contains("<user>10001:10001</user>") && pom.contains("<VIVACE_PROFILE>prod</VIVACE_PROFILE>")
        && pom.contains("<jvmFlag>-XX:MaxRAMPercentage=75</jvmFlag>"), pom);
    assertFalse(Cli.snapshot(tmp).keySet().stream().anyMatch(f -> f.contains(".vivace-")), "no temp folder left");
  }

  @Test
  void theGeneratedReadmesExampleCommandsWork() throws IOException {
    Path p = newProject("db");
    String readme = Files.readString(p.resolve("README.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`vivace (generate [^`]+)`").matcher(readme);
    int examples = 0;
    while (m.find()) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(m.group(1).split(" ")));
      args.addAll(java.util.List.of("--dir", p.toString()));
      Cli r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), m.group() + ": " + r);
      examples++;
    }
    assertEquals(2, examples, readme);
  }

  @Test
  void newWithoutFeaturesHasNoDatabase() throws IOException {
    Path p = newProject("");
    assertFalse(Files.readString(p.resolve("pom.xml")).contains("vivace-db"));
    assertFalse(Files.readString(p.resolve("src/main/java/com/example/shop/ShopApp.java")).contains("Database"));
    assertFalse(Files.exists(p.resolve("src/main/resources/db")));
    assertFails(3, "no database", Cli.run("generate", "resource", "Book", "title:string", "--dir", p.toString()));
    assertFails(3, "no database", Cli.run("generate", "migration", "x", "--dir", p.toString()));
  }

  @Test
  void theDefaultProjectHasNoCacheNorAuthAndItsLoadTestOnlyInAProfile() throws IOException {
    Path p = newProject("db");
    String pom = Files.readString(p.resolve("pom.xml"));
    assertFalse(pom.contains("vivace-cache") || pom.contains("vivace-auth") || pom.contains("embedded-redis"), pom);
    int profile = pom.indexOf("<id>load</id>");
    assertTrue(profile > 0 && pom.indexOf("<artifactId>vivace-gatling</artifactId>") > profile
        && pom.indexOf("<artifactId>exec-maven-plugin</artifactId>") > profile,
        "Gatling and its launcher only in the load profile: " + pom);
    assertTrue(pom.contains("<argument>io.vivace.loadtests.gatling.run.Simulate</argument>"), pom);
    assertTrue(pom.contains("<simulation>com.example.shop.ShopSimulation</simulation>"), pom);
    String simulation = Files.readString(p.resolve("src/gatling/java/com/example/shop/ShopSimulation.java"));
    assertTrue(simulation.contains("extends VivaceSimulation") && simulation.contains(".get(\"/hello/load\")"), simulation);
    String env = Files.readString(p.resolve(".env.example"));
    assertTrue(env.contains("# DATABASE_URL=") && !env.contains("JWT_SECRET") && !env.contains("REDIS_URL"), env);
    assertFalse(Files.exists(p.resolve("src/main/java/com/example/shop/Greetings.java")));
    assertFalse(Files.exists(p.resolve("src/test/java/com/example/shop/TestAccounts.java")));
    assertTrue(Files.readString(p.resolve("README.md")).contains("mvn -B -Pload -DskipTests verify"));
  }

  @Test
  void cacheIsInProcessAndHasACachedRoute() throws IOException {
    Path p = newProject("cache");
    assertEquals("features=cache", Files.readString(p.resolve("vivace.properties")).lines()
        .filter(l -> l.startsWith("features=")).findFirst().orElseThrow());
    String pom = Files.readString(p.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>vivace-cache</artifactId>"), pom);
    assertFalse(pom.contains("vivace-db") || pom.contains("vivace-auth") || pom.contains("embedded-redis"), pom);
    String app = Files.readString(p.resolve("src/main/java/com/example/shop/ShopApp.java"));
    assertTrue(app.contains("Caches caches = Caches.attach(app, null);"), app);
    assertTrue(app.contains("app.get(\"/greetings/:name\", Path.string(\"name\"), greetings::get)"), app);
    assertTrue(app.contains(".produces(Greeting.class).operationId(\"cachedGreeting\")"), app);
    assertFalse(app.contains("RedisOptions"), app);
    String greetings = Files.readString(p.resolve("src/main/java/com/example/shop/Greetings.java"));
    assertTrue(greetings.contains("Cache.<String, Greeting>builder(\"greetings\")") && !greetings.contains(".redis("), greetings);
    assertTrue(Files.readString(p.resolve("src/test/java/com/example/shop/ShopAppTest.java"))
        .contains("greetingsAreLoadedOnceThenServedFromTheCache"));
    assertFalse(Files.readString(p.resolve(".env.example")).contains("REDIS_URL"));
  }

  @Test
  void redisImpliesCacheAndAddsTheRedisTier() throws IOException {
    Path p = newProject("db,redis");
    assertTrue(Files.readString(p.resolve("vivace.properties")).contains("features=db,cache,redis\n"));
    String pom = Files.readString(p.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>vivace-cache</artifactId>") && pom.contains("<artifactId>embedded-redis</artifactId>"), pom);
    String app = Files.readString(p.resolve("src/main/java/com/example/shop/ShopApp.java"));
    assertTrue(app.contains("Caches caches = Caches.attach(app); // REDIS_URL"), app);
    assertTrue(app.contains("RedisOptions redisOptions"), app);
    assertTrue(Files.readString(p.resolve("src/main/java/com/example/shop/Greetings.java"))
        .contains(".redis(caches.redis(), KeyCodec.STRING, Codec.json(Greeting.class))"));
    assertTrue(Files.readString(p.resolve("src/test/java/com/example/shop/ShopAppTest.java")).contains("TestRedis.options()"));
    for (String f : new String[] {"README.md", ".env.example"}) {
      assertTrue(Files.readString(p.resolve(f)).contains("REDIS_URL"), f);
    }
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "--dir", p.toString()).exit());
    assertTrue(Files.readString(p.resolve("src/test/java/com/example/shop/BookRoutesTest.java")).contains("null /* the example cache"));
  }

  @Test
  void authMountsTheModuleAndProtectsResourceWrites() throws IOException {
    Path p = newProject("db,auth");
    String pom = Files.readString(p.resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>vivace-auth-module</artifactId>") && !pom.contains("vivace-cache"), pom);
    String app = Files.readString(p.resolve("src/main/java/com/example/shop/ShopApp.java"));
    assertTrue(app.contains("Auth auth = Auth.attach(app); // JWT_SECRET"), app);
    assertTrue(app.contains("AuthModule.mount(app, db, auth);"), app);
    assertTrue(app.contains("Resources.register(app, db, auth);"), app);
    assertTrue(Files.readString(p.resolve("src/test/java/com/example/shop/TestAccounts.java")).contains(".argon2(1024, 1, 1)"));
    for (String f : new String[] {"README.md", ".env.example"}) {
      assertTrue(Files.readString(p.resolve(f)).contains("JWT_SECRET"), f);
    }
    String dir = p.toString();
    assertEquals(0, Cli.run("generate", "resource", "Author", "name:string", "--dir", dir).exit());
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "author:ref:Author", "--dir", dir).exit());
    String main = "src/main/java/com/example/shop/";
    String routes = Files.readString(p.resolve(main + "BookRoutes.java"));
    assertTrue(routes.contains("app.post(\"/books\", auth.user(), Body.json(BookInput.class), r::create)\n"
        + "        .produces(BookDetail.class).status(201).operationId(\"createBook\")"), routes);
    assertTrue(routes.contains("app.put(\"/books/:id\", auth.user(), Preconditions.withIfMatch(Path.longValue(\"id\")),\n"
        + "        Body.json(BookInput.class), r::update)\n        .produces(BookDetail.class).operationId(\"updateBook\")"), routes);
    assertTrue(routes.contains("app.delete(\"/books/:id\", auth.user(), Path.longValue(\"id\"), r::delete)\n"
        + "        .status(204).errors(409).operationId(\"deleteBook\")"), routes);
    assertTrue(routes.contains("app.get(\"/books\", Pagination.offset(), BookRelations.INCLUDE, r::list)\n"
        + "        .produces(Page.class, BookDetail.class).operationId(\"listBooks\")"), "reads stay public: " + routes);
    assertTrue(routes.contains("app.get(\"/books/:id\", Path.longValue(\"id\"), BookRelations.INCLUDE, ETags.IF_NONE_MATCH, r::one)\n"
        + "        .produces(BookDetail.class).operationId(\"getBook\")"), routes);
    assertTrue(routes.contains(".produces(CursorPage.class, Book.class).operationId(\"feedBooks\")"), routes);
    assertEquals(6, routes.split("\\.tags\\(\"books\"\\)", -1).length - 1, "every route is tagged: " + routes);
    String authorRoutes = Files.readString(p.resolve(main + "AuthorRoutes.java"));
    assertFalse(authorRoutes.contains(".status(201).errors(409)"), "no unique field, no 409 on create: " + authorRoutes);
    assertTrue(Files.readString(p.resolve(main + "Resources.java"))
        .contains("AuthorRoutes.register(app, db, auth);\n    BookRoutes.register(app, db, auth);"));
    String test = Files.readString(p.resolve("src/test/java/com/example/shop/BookRoutesTest.java"));
    assertTrue(test.contains("token = TestAccounts.token(server);") && test.contains("void writesNeedATokenAndReadsDoNot()"), test);
    assertFails(1, "it would shadow the class Auth", Cli.run("generate", "resource", "Auth", "name:string", "--dir", dir));
  }

  @Test
  void theCachedExampleAndTheTestAccountsAreClassNamesResourcesCannotTake() {
    Path p = newProject("db,cache,auth");
    String dir = p.toString();
    Map<String, String> before = Cli.snapshot(p);
    assertFails(1, "the class Greetings of resource Greetings clashes with a class of the cached example route",
        Cli.run("generate", "resource", "Greetings", "name:string", "--dir", dir));
    assertFails(1, "the class TestAccounts of resource TestAccounts clashes with a class of the tests' accounts",
        Cli.run("generate", "resource", "TestAccounts", "name:string", "--dir", dir));
    assertEquals(before, Cli.snapshot(p));
  }

  @Test
  void newWithGroupAndPackage() throws IOException {
    Cli r = Cli.run("new", "my-shop", "--dir", tmp.toString(), "--group", "org.acme", "--package", "org.acme.store");
    assertEquals(0, r.exit(), r.toString());
    Path app = tmp.resolve("my-shop/src/main/java/org/acme/store/MyShopApp.java");
    assertTrue(Files.readString(app).startsWith("package org.acme.store;"));
    assertTrue(Files.readString(tmp.resolve("my-shop/pom.xml")).contains("<groupId>org.acme</groupId>"));
  }

  @Test
  void newRefusesAnExistingFolderAndBadInputWritingNothing() throws IOException {
    Path p = newProject("db");
    Files.writeString(p.resolve("README.md"), "mine");
    Map<String, String> before = Cli.snapshot(tmp);
    assertFails(2, "exists", Cli.run("new", "shop", "--dir", tmp.toString()));
    assertFails(1, "invalid project name '1shop'", Cli.run("new", "1shop", "--dir", tmp.toString()));
    assertFails(1, "'class' is a Java keyword", Cli.run("new", "class", "--dir", tmp.toString()));
    assertFails(1, "invalid --group", Cli.run("new", "other", "--dir", tmp.toString(), "--group", "com.new"));
    assertFails(1, "unknown feature 'mongo'", Cli.run("new", "other", "--dir", tmp.toString(), "--features", "db,mongo"));
    assertFails(1, "the feature auth needs db", Cli.run("new", "other", "--dir", tmp.toString(), "--features", "auth"));
    assertFails(1, "the feature auth needs db", Cli.run("new", "other", "--dir", tmp.toString(), "--features", "redis,auth"));
    assertFails(1, "Unknown option", Cli.run("new", "other", "--dir", tmp.toString(), "--colour"));
    assertEquals(before, Cli.snapshot(tmp));
    Cli forced = Cli.run("new", "shop", "--dir", tmp.toString(), "--force");
    assertEquals(0, forced.exit(), forced.toString());
    assertTrue(Files.readString(p.resolve("README.md")).startsWith("# shop"), "--force overwrites");
  }

  @Test
  void generateResourceWritesEveryFileAndIsIdempotent() throws IOException {
    Path p = newProject("db");
    String dir = p.toString();
    assertEquals(0, Cli.run("generate", "resource", "Author", "name:string!", "--dir", dir).exit());
    Cli book = Cli.run("generate", "resource", "Book", "title:string", "author:ref:Author", "--dir", dir);
    assertEquals(0, book.exit(), book.toString());
    String main = "src/main/java/com/example/shop/";
    for (String f : new String[] {"Book", "BookInput", "BookRepository", "BookRoutes", "BookRelations", "BookDetail"}) {
      assertTrue(Files.isRegularFile(p.resolve(main + f + ".java")), f);
    }
    assertTrue(Files.isRegularFile(p.resolve("src/test/java/com/example/shop/BookRoutesTest.java")));
    String resources = Files.readString(p.resolve(main + "Resources.java"));
    assertTrue(resources.contains("AuthorRoutes.register(app, db);\n    BookRoutes.register(app, db);"), resources);
    assertTrue(Files.readString(p.resolve(main + "AuthorRelations.java")).contains("m.put(\"books\", BOOKS);"),
        "the referenced resource gains the has-many");
    assertTrue(Files.readString(p.resolve(main + "BookRelations.java")).contains("m.put(\"author\", AUTHOR);"));
    String sql = Files.readString(p.resolve(Migrations.existing(p, "create_books")));
    assertTrue(sql.contains("author_id bigint NOT NULL REFERENCES authors"), sql);
    assertTrue(sql.contains("CREATE INDEX books_author_id ON books (author_id);"), sql);

    Map<String, String> before = Cli.snapshot(p);
    assertFails(2, "the resource Book exists",
        Cli.run("generate", "resource", "Book", "title:string", "author:ref:Author", "--dir", dir));
    Cli again = Cli.run("generate", "resource", "Book", "title:string", "author:ref:Author", "--dir", dir, "--force");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("Nothing changed"), again.toString());
    assertEquals(before, Cli.snapshot(p), "the same command twice changes nothing");
  }

  @Test
  void badResourcesWriteNothing() {
    Path p = newProject("db");
    String dir = p.toString();
    assertEquals(0, Cli.run("generate", "resource", "Author", "name:string", "--dir", dir).exit());
    assertEquals(0, Cli.run("generate", "resource", "Book", "author:ref:Author", "--dir", dir).exit());
    Map<String, String> before = Cli.snapshot(p);
    assertFails(1, "unknown type 'varchar'", Cli.run("generate", "resource", "Review", "title:varchar", "--dir", dir));
    assertFails(1, "refers to Shelf, which is not a resource",
        Cli.run("generate", "resource", "Review", "shelf:ref:Shelf", "--dir", dir));
    assertFails(1, "cannot refer to itself", Cli.run("generate", "resource", "Node", "parent:ref:Node", "--dir", dir));
    assertFails(1, "invalid resource name 'review'", Cli.run("generate", "resource", "review", "title:string", "--dir", dir));
    assertFails(1, "Java keyword", Cli.run("generate", "resource", "Review", "for:string", "--dir", dir));
    assertFails(1, "clashes", Cli.run("generate", "resource", "Review", "title:string", "title:text", "--dir", dir));
    assertFails(1, "clashes", Cli.run("generate", "resource", "Review", "book:ref:Book", "bookId:long", "--dir", dir));
    assertFails(1, "the relation 'books' (from Book.author)",
        Cli.run("generate", "resource", "Author", "name:string", "books:int", "--dir", dir, "--force"));
    assertFails(1, "Missing required parameter", Cli.run("generate", "resource", "Review", "--dir", dir));
    assertFails(1, "the class BookInput of resource BookInput clashes with a class of resource Book;",
        Cli.run("generate", "resource", "BookInput", "title:string", "--dir", dir));
    assertFails(1, "the class ShopApp of resource ShopApp clashes with a class of the app",
        Cli.run("generate", "resource", "ShopApp", "title:string", "--dir", dir));
    assertEquals(before, Cli.snapshot(p));
  }

  @Test
  void outsideAProjectIsExit3() {
    assertFails(3, "not inside a Vivace project", Cli.run("generate", "resource", "Book", "t:string", "--dir", tmp.toString()));
    assertFails(3, "not inside a Vivace project", Cli.run("routes", "--dir", tmp.toString()));
  }

  @Test
  void migrationsGetIncreasingVersions() throws IOException {
    Path p = newProject("db");
    Cli r = Cli.run("generate", "migration", "add_index", "--dir", p.toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().matches("(?s)Created src/main/resources/db/migration/V\\d{14}__add_index\\.sql\\s*"), r.out());
    Clock fixed = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
    String next = Migrations.next(p, "more", fixed);
    String first = Migrations.existing(p, "add_index");
    long v1 = Long.parseLong(first.replaceAll(".*/V(\\d+)__.*", "$1"));
    assertEquals(Migrations.DIR + "/V" + (v1 + 1) + "__more.sql", next, "after the newest, even with an older clock");
    assertFails(1, "invalid migration name 'Add'", Cli.run("generate", "migration", "Add", "--dir", p.toString()));
  }

  @Test
  void helpVersionAndCompletion() {
    for (String[] cmd : new String[][] {{"--help"}, {"new", "--help"}, {"generate", "--help"},
        {"generate", "resource", "--help"}, {"generate", "migration", "--help"}, {"routes", "--help"}}) {
      Cli r = Cli.run(cmd);
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().startsWith("Usage: vivace"), r.out());
    }
    assertTrue(Cli.run("--help").out().contains("2   refused: it would overwrite"));
    Cli v = Cli.run("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().startsWith("vivace " + Versions.load().tool()), v.out());
    Cli c = Cli.run("generate-completion");
    assertEquals(0, c.exit(), c.toString());
    assertTrue(c.out().contains("complete -F"), "a bash/zsh completion script");
    assertFails(1, "missing command", Cli.run());
    assertFails(1, "missing what to generate", Cli.run("generate"));
  }
}
