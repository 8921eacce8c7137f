package io.vivace.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart uploads sent by curl and by raw sockets: parts streamed to temporary files, typed
 * fields, every limit answered 413 naming the part, and no temporary file left behind, whether the
 * request succeeded, was refused, failed in the handler or was cut by the client.
 */
class MultipartTest {
  @TempDir
  static Path tmp;
  static Path uploads;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    uploads = Files.createDirectories(tmp.resolve("uploads"));
    MultipartLimits limits = MultipartLimits.defaults().tempDir(uploads).maxFileSize(1 << 20).maxTotalSize(3 << 20).maxParts(5);
    server = TestServer.start(app -> {
      app.post("/upload", Body.multipart(limits), form -> {
        UploadedFile doc = form.file("doc");
        StringBuilder out = new StringBuilder(form.text("title") + "|" + form.integer("copies") + "|" + form.bool("draft"));
        for (UploadedFile f : form.fileList("doc")) {
          out.append("|").append(f.filename()).append(":").append(f.contentType()).append(":").append(f.size())
              .append(":").append(sha(f.path())).append(":").append(f.path().startsWith(uploads));
        }
        return out.append("|").append(form.optionalFile("none").isPresent()).append("|").append(doc.field()).toString();
      }).blocking(); // reads the files
      app.post("/fails", Body.multipart(limits), form -> {
        throw new IllegalStateException("the handler failed after the upload");
      });
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void empty() throws Exception {
    awaitNoUploads();
  }

  static String sha(Path p) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))).substring(0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitNoUploads() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<Path> left;
    do {
      try (Stream<Path> s = Files.list(uploads)) {
        left = s.toList();
      }
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("temporary files left behind: " + left);
  }

  static Path file(String name, int size) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(tmp.resolve(name), data);
  }

  static io.vivace.tls.CurlResult curl(String path, String... form) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "-o", "-", "-w", "\n%{http_code}"));
    for (String f : form) {
      cmd.add("-F");
      cmd.add(f);
    }
    cmd.add("http://127.0.0.1:" + server.port() + path);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "curl finished");
    int nl = out.lastIndexOf('\n');
    return new io.vivace.tls.CurlResult(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
  }

  @Test
  void filesAndTypedFieldsReachTheHandlerAndTheFilesAreDeletedAfterwards() throws Exception {
    Path a = file("a.bin", 700_000);
    Path b = file("b.txt", 10);
    var r = curl("/upload", "title=Report", "copies=3", "draft=true", "doc=@" + a + ";type=application/pdf",
        "doc=@" + b + ";filename=notes.txt");
    assertEquals(200, r.status(), r.body());
    assertEquals("Report|3|true|a.bin:application/pdf:700000:" + sha(a) + ":true|notes.txt:text/plain:10:" + sha(b)
        + ":true|false|doc", r.body());
    awaitNoUploads();
  }

  @Test
  void aPartOverItsLimitIs413NamingItAndNothingIsLeft() throws Exception {
    Path big = file("big.bin", (1 << 20) + 1);
    var r = curl("/upload", "title=x", "copies=1", "draft=false", "doc=@" + big);
    assertEquals(413, r.status(), r.body());
    assertTrue(r.body().contains("\"pointer\":\"#/doc\""), r.body());
    assertTrue(r.body().contains("The part 'doc' is larger than 1048576 bytes."), r.body());
    awaitNoUploads();
  }

  @Test
  void theWholeBodyOverItsLimitIs413() throws Exception {
    Path one = file("one.bin", 1_000_000);
    Path two = file("two.bin", 1_000_000);
    Path three = file("three.bin", 1_000_000);
    Path four = file("four.bin", 1_000_000);
    var r = curl("/upload", "doc=@" + one, "doc=@" + two, "doc=@" + three, "doc=@" + four);
    assertEquals(413, r.status(), r.body());
    assertTrue(r.body().contains("The body is larger than 3145728 bytes"), r.body());
    awaitNoUploads();
  }

  @Test
  void tooManyPartsIs413() throws Exception {
    Path f = file("small.bin", 5);
    var r = curl("/upload", "title=x", "copies=1", "draft=false", "doc=@" + f, "doc=@" + f, "doc=@" + f);
    assertEquals(413, r.status(), r.body());
    assertTrue(r.body().contains("Too many parts"), r.body());
    awaitNoUploads();
  }

  @Test
  void badFieldsAre400NamingThem() throws Exception {
    Path f = file("tiny.bin", 5);
    var missing = curl("/upload", "copies=1", "draft=false", "doc=@" + f);
    assertEquals(400, missing.status(), missing.body());
    assertTrue(missing.body().contains("\"pointer\":\"#/title\""), missing.body());
    var notInt = curl("/upload", "title=x", "copies=many", "draft=false", "doc=@" + f);
    assertEquals(400, notInt.status());
    assertTrue(notInt.body().contains("\"pointer\":\"#/copies\""), notInt.body());
    var noFile = curl("/upload", "title=x", "copies=1", "draft=false");
    assertEquals(400, noFile.status());
    assertTrue(noFile.body().contains("\"pointer\":\"#/doc\""), noFile.body());
    awaitNoUploads();
  }

  @Test
  void aFailingHandlerStillLeavesNoFiles() throws Exception {
    var r = curl("/fails", "doc=@" + file("f.bin", 100_000));
    assertEquals(500, r.status(), r.body());
    assertTrue(!r.body().contains("the handler failed"), "no internals: " + r.body());
    awaitNoUploads();
  }

  @Test
  void anotherContentTypeIs415AndAMalformedBodyIs400() throws Exception {
    assertEquals(415, server.send("POST", "/upload", "application/json", "{}").statusCode());
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"x\"\r\n\r\nabc"; // never closed
    try (RawHttp raw = server.raw()) {
      raw.write("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body);
      RawHttp.Response r = raw.readOne();
      assertEquals(400, r.status(), r.body());
    }
    awaitNoUploads();
  }

  @Test
  void aClientThatGoesAwayMidUploadLeavesNoFiles() throws Exception {
    String head = "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    try (RawHttp raw = server.raw()) {
      raw.write("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
          + "Content-Length: 900000\r\n\r\n" + head + "x".repeat(200_000));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!hasUpload() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(hasUpload(), "the part is being written to a temporary file");
    } // the connection closes mid-body
    awaitNoUploads();
  }

  @Test
  void theOpenApiDocumentSaysMultipart() {
    String doc = io.vivace.openapi.OpenApi.json(server.app(), new io.vivace.openapi.OpenApiOptions());
    io.vertx.core.json.JsonObject post = new io.vertx.core.json.JsonObject(doc).getJsonObject("paths").getJsonObject("/upload")
        .getJsonObject("post");
    assertEquals("object", post.getJsonObject("requestBody").getJsonObject("content").getJsonObject("multipart/form-data")
        .getJsonObject("schema").getString("type"));
    assertTrue(post.getJsonObject("responses").containsKey("413"), post.encode());
    assertTrue(post.getJsonObject("responses").containsKey("415"), post.encode());
  }

  static boolean hasUpload() throws IOException {
    try (Stream<Path> s = Files.list(uploads)) {
      return s.findAny().isPresent();
    }
  }
}
