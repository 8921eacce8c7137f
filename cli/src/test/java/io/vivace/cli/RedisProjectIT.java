package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other side of the feature matrix, built and tested offline like {@link GeneratedProjectIT}: a
 * {@code db,redis} project (the caches on two tiers, resources without auth) with two related
 * resources. Its tests run on {@code REDIS_URL}'s server when set, else on an embedded redis-server.
 */
class RedisProjectIT {
  @TempDir
  Path tmp;

  @Test
  void aRedisProjectWithoutAuthBuildsAndPassesItsTests() throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "library", "--dir", tmp.toString(), "--features", "db,redis").exit());
    Path project = tmp.resolve("library");
    String dir = project.toString();
    Cli genre = Cli.run("generate", "resource", "Genre", "label:string!", "--dir", dir);
    assertEquals(0, genre.exit(), genre.toString());
    Cli book = Cli.run("generate", "resource", "Book", "title:string", "genre:ref:Genre", "--dir", dir);
    assertEquals(0, book.exit(), book.toString());

    GeneratedProjectIT.run(project, GeneratedProjectIT.mvn(), "-B", "-o", "-q", "-Dmaven.repo.local=" + repo, "verify");
    for (String test : new String[] {"LibraryAppTest", "GenreRoutesTest", "BookRoutesTest"}) {
      assertTrue(Files.readString(project.resolve("target/surefire-reports/com.example.library." + test + ".txt"))
          .contains("Failures: 0, Errors: 0, Skipped: 0"), test);
    }
    assertTrue(Files.isRegularFile(project.resolve("target/library.jar")));
  }
}
