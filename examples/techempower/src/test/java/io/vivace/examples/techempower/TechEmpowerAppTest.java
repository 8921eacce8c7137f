package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the TechEmpower plaintext and JSON test types, checked on the wire; and
 * {@code POST /echo}, the load tests' JSON POST scenario: the body comes back as it was sent.
 */
class TechEmpowerAppTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  private static void assertRequiredHeaders(RawHttp.Response r) {
    assertTrue(r.header("server") != null && !r.header("server").isEmpty(), "Server header");
    assertTrue(r.header("date") != null && r.header("date").endsWith(" GMT"), "Date header");
    assertTrue(r.header("content-length") != null, "Content-Length");
    assertEquals(null, r.header("content-encoding"), "no compression");
  }

  @Test
  void json() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate\r\n\r\n");
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status());
      assertEquals("application/json", r.header("content-type"));
      assertEquals("{\"message\":\"Hello, World!\"}", r.body());
      assertRequiredHeaders(r);
    }
  }

  @Test
  void plaintextWithPipeliningDepth16() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/plaintext").repeat(16));
      List<RawHttp.Response> responses = raw.read(16);
      for (RawHttp.Response r : responses) {
        assertEquals(200, r.status());
        assertEquals("text/plain", r.header("content-type"));
        assertEquals("Hello, World!", r.body());
        assertRequiredHeaders(r);
      }
    }
  }

  private static List<Map<String, Object>> worlds(String path) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get(path));
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status(), r.body());
      assertEquals("application/json", r.header("content-type"));
      assertRequiredHeaders(r);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) JsonTree.parse(r.body());
      for (Map<String, Object> w : list) {
        assertEquals(java.util.Set.of("id", "randomNumber"), w.keySet());
        long id = (Long) w.get("id");
        long n = (Long) w.get("randomNumber");
        assertTrue(id >= 1 && id <= 10_000 && n >= 1 && n <= 10_000, w.toString());
      }
      return list;
    }
  }

  @Test
  void db() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/db"));
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status());
      assertEquals("application/json", r.header("content-type"));
      Map<String, Object> w = JsonTree.object(r.body());
      assertEquals(java.util.Set.of("id", "randomNumber"), w.keySet());
    }
  }

  @Test
  void queriesAreClamped() throws Exception {
    assertEquals(1, worlds("/queries").size());
    assertEquals(1, worlds("/queries?queries=").size());
    assertEquals(1, worlds("/queries?queries=foo").size());
    assertEquals(1, worlds("/queries?queries=0").size());
    assertEquals(20, worlds("/queries?queries=20").size());
    assertEquals(500, worlds("/queries?queries=501").size());
    assertEquals(500, worlds("/queries?queries=99999999999").size());
  }

  @Test
  void updatesPersistEveryRowsNewNumber() throws Exception {
    List<Map<String, Object>> updated = worlds("/updates?queries=10");
    assertEquals(10, updated.size());
    try (var c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        var st = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
      java.util.Map<Long, Long> last = new java.util.HashMap<>();
      for (Map<String, Object> w : updated) {
        last.put((Long) w.get("id"), (Long) w.get("randomNumber")); // a repeated id keeps its last value
      }
      for (var e : last.entrySet()) {
        st.setLong(1, e.getKey());
        try (var rs = st.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(e.getValue().longValue(), rs.getLong(1), "world " + e.getKey());
        }
      }
    }
    assertEquals(1, worlds("/updates?queries=abc").size());
    assertEquals(500, worlds("/updates?queries=1000").size());
  }

  @Test
  void theDataSetIsTheBenchmarks() throws Exception {
    try (var c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT (SELECT count(*) FROM world), (SELECT count(*) FROM fortune),"
            + " (SELECT message FROM fortune WHERE id = 12)")) {
      assertTrue(rs.next());
      assertEquals(10_000, rs.getInt(1));
      assertEquals(12, rs.getInt(2));
      assertEquals("フレームワークのベンチマーク", rs.getString(3));
    }
  }

  @Test
  void fortunesAreSortedEscapedAndRawUtf8() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/fortunes"));
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status());
      assertEquals("text/html; charset=utf-8", r.header("content-type"));
      assertRequiredHeaders(r);
      String html = r.body();
      assertTrue(html.startsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"), html);
      assertTrue(html.contains("<tr><td>11</td><td>&lt;script&gt;alert("), "the script row is escaped: " + html);
      assertTrue(!html.contains("<script>"), "no raw script tag");
      assertTrue(html.contains("<td>フレームワークのベンチマーク</td>"), "raw UTF-8, not numeric references");
      assertTrue(html.contains("UNIX. — Tom Christaensen"), "the em dash stays a character");
      assertTrue(html.contains("<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"), html);
      java.util.regex.Matcher rows = java.util.regex.Pattern.compile("<tr><td>(\\d+)</td><td>(.*?)</td></tr>").matcher(html);
      List<String> messages = new java.util.ArrayList<>();
      while (rows.find()) {
        messages.add(rows.group(2));
      }
      assertEquals(13, messages.size(), html);
      List<String> sorted = new java.util.ArrayList<>(messages);
      java.util.Collections.sort(sorted);
      assertEquals(sorted, messages, "sorted by message");
    }
  }

  private static RawHttp.Response post(String body) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
      return raw.readOne();
    }
  }

  @Test
  void echoesTheBody() throws Exception {
    String body = "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"tags\":[\"analytical\",\"engine\"]}";
    RawHttp.Response r = post(body);
    assertEquals(200, r.status());
    assertEquals("application/json", r.header("content-type"));
    assertEquals(body, r.body());
  }

  @Test
  void malformedJsonIsAProblem() throws Exception {
    RawHttp.Response r = post("{\"id\":");
    assertEquals(400, r.status());
    assertEquals("application/problem+json", r.header("content-type"));
  }
}
