package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live comments across two blog instances on one database: a comment posted through one reaches
 * a Server-Sent Events subscriber and a WebSocket subscriber of the other, as the comment's JSON;
 * an event stream resuming with {@code Last-Event-ID} gets what it missed first, nothing twice.
 */
class BlogLiveCommentsTest {
  static DatabaseUrl url;
  static TestServer a;
  static TestServer b;
  static String token;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    a = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), BlogWritesTest.AUTH));
    b = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), null, BlogWritesTest.AUTH));
    String login = "{\"email\":\"live@example.com\",\"password\":\"a long password\"}";
    assertEquals(201, a.postJson("/auth/signup", login).statusCode());
    token = (String) JsonTree.object(a.postJson("/auth/login", login).body()).get("accessToken");
  }

  @AfterAll
  static void stop() {
    b.close();
    TestDatabase.closeAndDrop(a, url);
  }

  /** POST a comment through {@code server}; returns the 201's body, the comment's JSON. */
  static String comment(TestServer server, long post, String text) {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/posts/" + post + "/comments"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + text + "\"}")));
    assertEquals(201, r.statusCode(), r.body());
    return r.body();
  }

  /** The lines of an event stream, read on a thread of their own. */
  static LinkedBlockingQueue<String> events(TestServer server, String path, String lastEventId) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(server.uri(path));
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> r.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The next event's lines up to its blank line, joined with {@code |}. */
  static String nextEvent(LinkedBlockingQueue<String> lines) throws InterruptedException {
    StringBuilder event = new StringBuilder();
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertNotNull(line, "no event within 20 s; so far: " + event);
      if (line.isEmpty()) {
        if (event.length() > 0) {
          return event.toString();
        }
      } else if (!line.startsWith(":")) { // heartbeats
        event.append(event.length() > 0 ? "|" : "").append(line);
      }
    }
  }

  @Test
  void aCommentPostedThroughOneInstanceReachesAnEventStreamOnTheOther() throws Exception {
    LinkedBlockingQueue<String> lines = events(b, "/posts/1/comments/live", null);
    assertEquals("event: subscribed|data: {\"subscribed\":1}", nextEvent(lines));
    String json = comment(a, 1, "live through A");
    long id = ((Number) JsonTree.object(json).get("id")).longValue();
    assertEquals("event: comment|id: " + id + "|data: " + json, nextEvent(lines));
  }

  @Test
  void aCommentPostedThroughOneInstanceReachesAWebSocketOnTheOther() throws Exception {
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + b.port() + "/posts/2/comments/ws"),
        new WebSocket.Listener() {
          final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              messages.add(text.toString());
              text.setLength(0);
            }
            socket.request(1);
            return null;
          }
        }).get(20, TimeUnit.SECONDS);
    assertEquals("{\"subscribed\":2}", messages.poll(20, TimeUnit.SECONDS));
    comment(a, 3, "another post: not sent here");
    String json = comment(a, 2, "over a socket");
    assertEquals(json, messages.poll(20, TimeUnit.SECONDS), "only post 2's comment");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
  }

  @Test
  void aStreamResumingWithLastEventIdGetsWhatItMissedThenLiveCommentsNoneTwice() throws Exception {
    String first = comment(a, 3, "seen");
    String missed = comment(a, 3, "missed while away");
    long firstId = ((Number) JsonTree.object(first).get("id")).longValue();
    long missedId = ((Number) JsonTree.object(missed).get("id")).longValue();
    LinkedBlockingQueue<String> lines = events(b, "/posts/3/comments/live", String.valueOf(firstId));
    assertEquals("event: subscribed|data: {\"subscribed\":3}", nextEvent(lines));
    String replayed = nextEvent(lines);
    assertTrue(replayed.startsWith("event: comment|id: " + missedId + "|data: {\"id\":" + missedId + ","), replayed);
    String live = comment(a, 3, "live again");
    long liveId = ((Number) JsonTree.object(live).get("id")).longValue();
    assertEquals("event: comment|id: " + liveId + "|data: " + live, nextEvent(lines));
  }

  @Test
  void badRequestsGetProblems() {
    assertEquals(404, b.get("/posts/999999/comments/live").statusCode());
    HttpResponse<String> noToken = b.postJson("/posts/1/comments", "{\"body\":\"x\"}");
    assertEquals(401, noToken.statusCode());
    HttpResponse<String> tooLong = b.send(HttpRequest.newBuilder(b.uri("/posts/1/comments"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + "x".repeat(1001) + "\"}")));
    assertEquals(422, tooLong.statusCode());
    assertEquals(List.of("#/body"), JsonTree.errors(tooLong.body()).stream().map(e -> e.get("pointer")).toList());
    HttpResponse<String> noPost = b.send(HttpRequest.newBuilder(b.uri("/posts/999999/comments"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}")));
    assertEquals(404, noPost.statusCode());
  }
}
