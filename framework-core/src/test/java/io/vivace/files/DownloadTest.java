package io.vivace.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.extract.Query;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler's {@link Download}: a large file streamed whole, its name for the browser, a missing file as 404. */
class DownloadTest {
  @TempDir
  Path dir;

  @Test
  void aLargeFileIsStreamedWithItsNameAndAMissingOneIs404() throws Exception {
    byte[] data = new byte[24 << 20]; // larger than the 16 MiB a test JVM could buffer comfortably many times
    new Random(7).nextBytes(data);
    Path big = Files.write(dir.resolve("export.bin"), data);
    try (TestServer server = TestServer.start(app -> {
      app.get("/export", () -> Download.file(big).contentType("application/vnd.example").attachment("Résumé \"v2\".csv"));
      app.get("/gone", Query.string("name"), name -> Download.file(dir.resolve(name)));
    })) {
      HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/export")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode());
      assertArrayEquals(data, r.body());
      assertEquals(String.valueOf(data.length), r.headers().firstValue("content-length").orElse(null));
      assertEquals("application/vnd.example", r.headers().firstValue("content-type").orElse(null));
      assertEquals("attachment; filename=\"R_sum_ _v2_.csv\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22.csv",
          r.headers().firstValue("content-disposition").orElse(null));
      HttpResponse<String> gone = server.get("/gone?name=nothing.bin");
      assertEquals(404, gone.statusCode());
      assertTrue(gone.body().contains("\"status\":404"), gone.body());
      assertEquals("application/problem+json", gone.headers().firstValue("content-type").orElse(null));
    }
  }
}
