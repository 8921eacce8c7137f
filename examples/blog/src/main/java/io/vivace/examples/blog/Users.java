package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.cache.Cache;
import io.vivace.db.Database;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;

/** The user endpoints: create (a taken e-mail address is a 409), read, and a user's posts. */
final class Users {
  private final Database db;
  private final Cache<Long, User> cache;

  Users(Database db, BlogCache cache) {
    this.db = db;
    this.cache = cache.users;
  }

  /** {@code POST /users}: 201 with {@code Location}; the unique e-mail constraint answers 409. */
  Future<Response> create(NewUser in) {
    return db.one("INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id, name",
        Tuple.of(in.email(), in.name()), User::from).map(u -> Response.created("/users/" + u.id(), u));
  }

  /** {@code GET /users/:id}, through the cache of user profiles. */
  Future<User> one(long id) {
    return cache.get(id, k -> db.optional("SELECT id, name FROM users WHERE id = $1", Tuple.of(k), User::from)
        .map(u -> u.orElse(null))).map(u -> {
          if (u == null) {
            throw notFound(id);
          }
          return u;
        });
  }

  /**
   * {@code GET /users/:id/posts}: newest first, offset pages; 404 when the user does not exist.
   * The page is a read a replica may serve ({@code db.read()}); it is sent before the profile,
   * whose cache fill reads the primary and so sends the request's later reads there too.
   */
  Future<Page<PostSummary>> posts(long id, PageRequest page) {
    Future<Page<PostSummary>> posts = db.read().page(
        "SELECT " + PostSummary.COLUMNS + " FROM posts WHERE author_id = $1 ORDER BY created_at DESC, id DESC",
        "SELECT count(*) FROM posts WHERE author_id = $1", Tuple.of(id), page, PostSummary::from);
    Future<User> user = one(id);
    return Future.all(user, posts).map(done -> posts.result());
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("There is no user " + id + ".");
  }
}
