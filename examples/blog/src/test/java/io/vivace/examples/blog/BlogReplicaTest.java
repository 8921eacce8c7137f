package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestReplica;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blog on a primary and a real streaming replica ({@link TestReplica}): its lists and feed are
 * read from the replica. Proved by pausing the replica's replay and changing a post on the primary
 * behind the app's back: the lists still show the replica's (old) title until replay resumes,
 * while the post itself, filled into the cache from the primary, shows the new one.
 */
class BlogReplicaTest {
  private static TestReplica cluster;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestReplica.start();
    // a bound far above anything the test waits for: the paused replica stays in use
    server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(cluster.primary())
        .readUrls(List.of(cluster.replica())).replicaMaxLagMs(3_600_000).replicaCheckIntervalMs(50),
        BlogReadsTest.SEED, BlogWritesTest.AUTH));
    cluster.awaitReplayed(30_000);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> first(String path) {
    HttpResponse<String> r = server.get(path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return ((List<Map<String, Object>>) JsonTree.object(r.body()).get("items")).get(0);
  }

  @Test
  void listsAndTheFeedAreReadFromTheReplica() throws Exception {
    Map<String, Object> newest = first("/posts?per_page=1");
    long id = (Long) newest.get("id");
    String title = (String) newest.get("title");
    long author = (Long) newest.get("authorId");
    cluster.pauseReplay();
    try {
      TestReplica.query(cluster.primary(), "UPDATE posts SET title = 'changed on the primary' WHERE id = " + id);
      assertEquals(title, first("/posts?per_page=1").get("title"), "the offset page is the replica's");
      assertEquals(title, first("/posts/feed?limit=1").get("title"), "the feed is the replica's");
      assertEquals(title, first("/users/" + author + "/posts?per_page=1").get("title"), "a user's posts are the replica's");
      HttpResponse<String> post = server.get("/posts/" + id);
      assertEquals(200, post.statusCode(), post.body());
      assertEquals("changed on the primary", JsonTree.object(post.body()).get("title"), "one post is the primary's");
    } finally {
      cluster.resumeReplay();
    }
    cluster.awaitReplayed(30_000);
    assertEquals("changed on the primary", first("/posts?per_page=1").get("title"));
    assertNotEquals(title, first("/posts/feed?limit=1").get("title"));
  }
}
