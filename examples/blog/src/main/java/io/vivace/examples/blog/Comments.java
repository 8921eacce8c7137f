package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.AuthUser;
import io.vivace.cache.Cache;
import io.vivace.db.Database;
import io.vivace.db.notify.Notifications;
import io.vivace.json.Json;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /posts/:id/comments}: the comment is inserted and announced in one transaction, so
 * PostgreSQL delivers the notification at commit, to every blog instance on the database
 * ({@link LiveComments} streams it). The notification's payload is {@code <postId>:<comment JSON>}.
 */
final class Comments {
  /** The channel of new comments. */
  static final String CHANNEL = "blog_comments";
  static final String COLUMNS = "id, post_id, author_id, body, created_at";
  private static final String INSERT = "INSERT INTO comments (post_id, author_id, body)"
      + " SELECT p.id, u.id, $3 FROM posts p, users u WHERE p.id = $1 AND u.account_id = $2 RETURNING " + COLUMNS;

  private final Database db;
  private final Notifications notifications;
  private final Cache<Long, PostDetail> posts;

  Comments(Database db, Notifications notifications, BlogCache cache) {
    this.db = db;
    this.notifications = notifications;
    this.posts = cache.posts;
  }

  /** 201 with the comment; 404 for an unknown post, 403 when the account has no blog user. */
  // tag::notify-at-commit[]
  Future<Response> create(AuthUser user, long postId, NewComment in) {
    return db.inTransaction(tx -> tx.optional(INSERT, Tuple.of(postId, Authors.account(user), in.body()), Comment::from)
        .compose(c -> {
          if (c.isEmpty()) {
            return tx.optional("SELECT 1 FROM posts WHERE id = $1", Tuple.of(postId), r -> 1).map(exists -> {
              if (exists.isEmpty()) {
                throw ProblemException.notFound("There is no post " + postId + ".");
              }
              throw ProblemException.of(403, "Your account has no blog user to write as.");
            });
          }
          Comment comment = c.get();
          String json = new String(Json.toBytes(comment), StandardCharsets.UTF_8);
          return notifications.notify(tx, CHANNEL, postId + ":" + json).map(comment); // delivered at commit
        }))
        .compose(comment -> posts.invalidate(postId).map(v -> Response.created(comment))); // the post's includes changed
  }
  // end::notify-at-commit[]
}
