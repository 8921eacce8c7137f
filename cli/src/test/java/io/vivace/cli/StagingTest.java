package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generation is all or nothing: a failure while moving files in leaves the project as it was. */
class StagingTest {
  @TempDir
  Path tmp;

  @Test
  void aFailureHalfwayThroughPutsEverythingBack() throws IOException {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    Path root = tmp.resolve("shop");
    assertEquals(0, Cli.run("generate", "resource", "Author", "name:string", "--dir", root.toString()).exit());
    Map<String, String> before = Cli.snapshot(root);

    Project project = Project.find(root);
    Project next = project.with("Author", List.of(FieldSpec.parse("name:text"), FieldSpec.parse("born:date?")))
        .with("Book", List.of(FieldSpec.parse("title:string"), FieldSpec.parse("author:ref:Author")));
    Staging files = ResourceCommand.files(next, "Book", "Book title:string author:ref:Author", Clock.systemUTC());
    files.add("src/main/java/com/example/shop/Author.java", "// replaced");
    files.movesBeforeFailure = 4; // the migration, Book, BookInput and BookRepository go in, then the disk fails
    IOException e = assertThrows(IOException.class, () -> files.commit(true));
    assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
    assertEquals(before, Cli.snapshot(root), "nothing added, nothing replaced, no folder or temporary file left");

    files.movesBeforeFailure = -1;
    assertTrue(files.commit(true).contains("src/main/java/com/example/shop/BookRoutes.java"), "the same files go in");
  }

  @Test
  void aFolderWhereAFileGoesIsRefused() throws IOException {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    Path root = tmp.resolve("shop");
    Files.createDirectories(root.resolve("src/main/java/com/example/shop/BookRoutes.java"));
    Map<String, String> before = Cli.snapshot(root);
    Cli r = Cli.run("generate", "resource", "Book", "title:string", "--dir", root.toString(), "--force");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("BookRoutes.java is a folder"), r.err());
    assertEquals(before, Cli.snapshot(root));
  }
}
