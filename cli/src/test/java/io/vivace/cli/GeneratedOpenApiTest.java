package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated {@code db} project with two related resources, compiled here (javac with
 * the DSL-JSON processor, against this module's test class path, no install needed), then
 * {@code vivace openapi} runs its real main class: the document is complete, with an id, summary,
 * tag and success schema on every operation, and no route names itself in an undeclared-result
 * warning. (This module's tests have core and db classes only; the {@code auth} and {@code cache}
 * variants are compiled, run and their documents checked by the generated tests in
 * {@code GeneratedProjectIT}.)
 */
class GeneratedOpenApiTest {
  @TempDir
  Path tmp;

  @Test
  void aGeneratedProjectsDocumentIsComplete() throws Exception {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString(), "--features", "db").exit());
    Path p = tmp.resolve("shop");
    String dir = p.toString();
    assertEquals(0, Cli.run("generate", "resource", "Author", "name:string!", "bio:text?", "--dir", dir).exit());
    Cli book = Cli.run("generate", "resource", "BlogPost", "title:string", "pages:int?", "author:ref:Author", "--dir", dir);
    assertEquals(0, book.exit(), book.toString());

    Path classes = compile(p.resolve("src/main/java"), tmp.resolve("classes"), "");
    // the generated tests (their document checks included) compile against it; GeneratedProjectIT runs them
    compile(p.resolve("src/test/java"), tmp.resolve("test-classes"), classes + File.pathSeparator);
    Path out = tmp.resolve("openapi.json");
    Cli r = Cli.run("openapi", "--class-path", classes + File.pathSeparator + System.getProperty("java.class.path"),
        "--main", "com.example.shop.ShopApp", "-o", out.toString());
    assertEquals(0, r.exit(), r.toString());
    assertFalse(r.err().contains("declares no result type"), "every generated route declares its result: " + r.err());

    JsonObject doc = new JsonObject(Files.readString(out));
    JsonObject paths = doc.getJsonObject("paths");
    List<String> ids = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject op = item.getJsonObject(method);
        String where = method + " " + path;
        ids.add(op.getString("operationId"));
        if (path.startsWith("/auth") || path.startsWith("/health") || path.startsWith("/metrics")) {
          continue; // the modules' own routes, documented by them
        }
        assertTrue(op.getString("summary") != null && !op.getString("summary").isBlank(), where);
        assertFalse(op.getJsonArray("tags", new io.vertx.core.json.JsonArray()).isEmpty(), where);
        JsonObject responses = op.getJsonObject("responses");
        String success = responses.fieldNames().stream().filter(c -> c.startsWith("2")).findFirst().orElseThrow();
        if (!success.equals("204")) {
          assertTrue(responses.getJsonObject(success).getJsonObject("content").getJsonObject("application/json")
              .containsKey("schema"), where);
        }
      }
    }
    for (String id : new String[] {"listAuthors", "feedAuthors", "getAuthor", "createAuthor", "updateAuthor", "deleteAuthor",
        "listBlogPosts", "getBlogPost", "createBlogPost", "hello"}) {
      assertTrue(ids.contains(id), id + " in " + ids);
    }
    JsonObject create = paths.getJsonObject("/blog-posts").getJsonObject("post");
    assertEquals(List.of("blog-posts"), create.getJsonArray("tags").getList());
    assertTrue(create.getJsonObject("responses").containsKey("201") && create.getJsonObject("responses").containsKey("422"));
    assertTrue(paths.getJsonObject("/authors").getJsonObject("post").getJsonObject("responses").containsKey("409"),
        "name is unique");
    JsonObject input = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("BlogPostInput");
    assertEquals(List.of("title", "authorId"), input.getJsonArray("required").getList(), "the input's Rules: " + input);
    assertEquals(1, input.getJsonObject("properties").getJsonObject("title").getInteger("minLength"));
    assertEquals(255, input.getJsonObject("properties").getJsonObject("title").getInteger("maxLength"));
    assertEquals(100_000, doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("AuthorInput")
        .getJsonObject("properties").getJsonObject("bio").getInteger("maxLength"));
    assertTrue(doc.getJsonObject("components").getJsonObject("schemas").containsKey("BlogPostDetail"),
        doc.getJsonObject("components").getJsonObject("schemas").fieldNames().toString());
  }

  /** Compiles every Java file under {@code sources} with the DSL-JSON processor into {@code classes}. */
  static Path compile(Path sources, Path classes, String classPathBefore) throws IOException {
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPathBefore + System.getProperty("java.class.path"),
        "-processor", "com.dslplatform.json.processor.CompiledJsonAnnotationProcessor", "-nowarn", "-Xlint:none"));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    int status = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        log.write(b);
      }
    }), args.toArray(String[]::new));
    assertEquals(0, status, log.toString());
    return classes;
  }
}
