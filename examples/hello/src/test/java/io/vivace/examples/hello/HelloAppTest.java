package io.vivace.examples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HelloAppTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.started(HelloApp.create(TestServer.options()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void plaintextAndJson() {
    assertEquals("Hello, World!", server.get("/plaintext").body());
    assertEquals("{\"message\":\"Hello, World!\"}", server.get("/json").body());
    assertEquals("Hello, Ana!", server.get("/hello/Ana").body());
  }

  @Test
  void createAndReadANote() {
    HttpResponse<String> created = server.postJson("/notes", "{\"title\":\"Buy tea\",\"priority\":2}");
    assertEquals(201, created.statusCode(), created.body());
    Map<String, Object> note = JsonTree.object(created.body());
    String location = created.headers().firstValue("location").orElseThrow();
    assertEquals("/notes/" + note.get("id"), location);
    assertEquals(created.body(), server.get(location).body());
    assertEquals(404, server.get("/notes/999999").statusCode());
  }

  @Test
  void invalidNotesListEveryError() {
    HttpResponse<String> r = server.postJson("/notes", "{\"title\":\"\",\"priority\":7}");
    assertEquals(422, r.statusCode());
    List<Map<String, Object>> errors = JsonTree.errors(r.body());
    assertEquals(List.of("#/title", "#/title", "#/priority"), errors.stream().map(e -> e.get("pointer")).toList());
  }

  @Test
  void itemsArePaginated() {
    Map<String, Object> page = JsonTree.object(server.get("/items?page=3&per_page=50").body());
    assertEquals(50, ((List<?>) page.get("items")).size());
    assertEquals(250L, page.get("total"));
    assertEquals(5L, page.get("total_pages"));
    assertEquals(101L, ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("id"));
    Map<String, Object> filtered = JsonTree.object(server.get("/items?q=item-25&per_page=1000").body());
    assertEquals(100L, filtered.get("per_page"));
    assertEquals(2L, filtered.get("total"), "item-25 and item-250");
    assertEquals(400, server.get("/items?page=-1").statusCode());
  }

  @Test
  void blockingRoute() {
    assertEquals("{\"n\":100,\"primes\":25}", server.get("/primes/100").body());
    assertEquals(400, server.get("/primes/0").statusCode());
  }
}
