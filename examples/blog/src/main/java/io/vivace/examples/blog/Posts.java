package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.AuthUser;
import io.vivace.cache.Cache;
import io.vivace.db.Database;
import io.vivace.db.Keyset;
import io.vivace.db.eager.Relation;
import io.vivace.httpcache.ETags;
import io.vivace.httpcache.Preconditions;
import io.vivace.json.Json;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import io.vivace.problem.ProblemException;
import io.vivace.response.Response;
import io.vivace.response.Streamed;
import java.util.List;
import java.util.Optional;

/**
 * The post endpoints: offset pages and a keyset feed (newest first), one post with includes,
 * create, update, delete and an NDJSON export. Writes need a bearer token: the author is the blog
 * user of the token's account ({@link Authors}); only the author edits or deletes a post (else
 * 403), and the {@code admin} role deletes any post. One post is read through {@link BlogCache}; a
 * write drops its entry once the database has it.
 *
 * <p>With read replicas ({@code DATABASE_READ_URL}) the lists and the feed are reads a replica may
 * serve ({@code db.read()}): at most {@code VIVACE_DB_REPLICA_MAX_LAG} behind, and never for a
 * request that wrote. One post is filled into the cache from the primary on purpose: a fill from
 * a replica that has not replayed an update yet would put the old post back into the cache right
 * after the update dropped it, for the entry's whole life.
 */
final class Posts {
  /** Newest first; the id breaks ties between posts of the same instant. */
  static final Keyset<PostSummary> NEWEST = Keyset.<PostSummary>by("created_at", Keyset.Type.TIMESTAMP,
      PostSummary::createdAt).then("id", Keyset.Type.LONG, PostSummary::id).descending();

  private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";
  private static final String ONE = "SELECT " + Post.COLUMNS + " FROM posts WHERE id = $1";
  private static final String INSERT = "INSERT INTO posts (author_id, title, body)"
      + " SELECT id, $1::text, $3::text FROM users WHERE account_id = $2 RETURNING " + Post.COLUMNS;
  private static final String UPDATE = "UPDATE posts SET title = $3, body = $4"
      + " WHERE id = $1 AND author_id = " + Authors.OF_ACCOUNT + " RETURNING " + Post.COLUMNS;
  private static final String LOCK_OWN = "SELECT " + Post.COLUMNS + " FROM posts"
      + " WHERE id = $1 AND author_id = " + Authors.OF_ACCOUNT + " FOR UPDATE";
  private static final String DELETE_OWN = "DELETE FROM posts WHERE id = $1 AND author_id = " + Authors.OF_ACCOUNT;

  private final Database db;
  private final Cache<Long, PostDetail> cache;

  Posts(Database db, BlogCache cache) {
    this.db = db;
    this.cache = cache.posts;
  }

  /** {@code GET /posts}: one offset page, the total counted at the same time. */
  Future<Page<PostSummary>> page(PageRequest page) {
    return db.read().page("SELECT " + PostSummary.COLUMNS + " FROM posts" + NEWEST_FIRST,
        "SELECT count(*) FROM posts", Tuple.tuple(), page, PostSummary::from);
  }

  /** {@code GET /posts/feed}: one keyset page with the next page's {@code Link}. */
  // tag::read-replica[]
  Future<Response> feed(CursorRequest page) {
    return db.read().keyset("SELECT " + PostSummary.COLUMNS + " FROM posts", Tuple.tuple(), NEWEST, page,
        PostSummary::from).map(p -> p.toResponse(page));
  }
  // end::read-replica[]

  /**
   * {@code GET /posts/:id?include=...}: through the cache, which holds each post with every
   * include; the relations not asked for are left out of the answer. A strong {@code ETag} of the
   * answer goes with it ({@code If-None-Match} with it: 304); without {@code include} it is
   * {@link #etag(Post)}, the tag {@code PUT} checks {@code If-Match} against.
   */
  Future<Response> one(long id, List<Relation<Post, ?>> include, String ifNoneMatch) {
    return cache.get(id, this::loadFull).map(full -> {
      if (full == null) {
        throw notFound(id);
      }
      return ETags.conditional(ifNoneMatch, new PostDetail(full.id(), full.authorId(), full.title(), full.body(),
          full.createdAt(),
          include.contains(PostIncludes.AUTHOR) ? full.author() : null,
          include.contains(PostIncludes.COMMENTS) ? full.comments() : null,
          include.contains(PostIncludes.TAGS) ? full.tags() : null));
    });
  }

  /** The strong tag of {@code GET /posts/:id} without {@code include} for this state of the post. */
  static String etag(Post post) {
    return ETags.of(Json.encode(PostDetail.of(post, null, null, null)));
  }

  /** The post with every include, or null when there is no such post. */
  private Future<PostDetail> loadFull(long id) {
    return db.optional(ONE, Tuple.of(id), Post::from).compose(post -> post.isEmpty() ? Future.succeededFuture(null)
        : PostIncludes.load(db, post.get(), List.of(PostIncludes.AUTHOR, PostIncludes.COMMENTS, PostIncludes.TAGS)));
  }

  /** {@code POST /posts}: 201 with {@code Location}; 403 when the account has no blog user. */
  Future<Response> create(AuthUser user, NewPost in) {
    return db.optional(INSERT, Tuple.of(in.title(), Authors.account(user), in.body()), Post::from).map(post ->
        post.orElseThrow(() -> ProblemException.of(403, "Your account has no blog user to write as.")))
        .compose(p -> cache.invalidate(p.id())
            .map(v -> Response.created("/posts/" + p.id(), PostDetail.of(p, null, null, null))));
  }

  /**
   * {@code PUT /posts/:id}: 200 with the post and its new {@code ETag}; 404 for an unknown post; 403
   * for someone else's. With {@code If-Match} (optional: without it the last write wins), the
   * post is locked, its current tag compared, and a changed post is a 412: concurrent
   * read-modify-write cycles never lose an update.
   */
  // tag::invalidate-on-update[]
  Future<Response> update(AuthUser user, long id, String ifMatch, NewPost in) {
    Tuple args = Tuple.of(id, Authors.account(user), in.title(), in.body());
    Future<Optional<Post>> updated = ifMatch == null ? db.optional(UPDATE, args, Post::from)
        : db.inTransaction(tx -> tx.optional(LOCK_OWN, Tuple.of(id, Authors.account(user)), Post::from).compose(current -> {
          if (current.isEmpty()) {
            return Future.succeededFuture(current);
          }
          Preconditions.check(ifMatch, etag(current.get())); // 412 when it changed since the client read it
          return tx.optional(UPDATE, args, Post::from);
        }));
    return updated.compose(post -> post.isPresent() ? Future.succeededFuture(post.get()) : this.<Post>notYours(id, "edit"))
        .compose(post -> cache.invalidate(id).map(v -> Response.ok(PostDetail.of(post, null, null, null)).header(ETags.ETAG, etag(post))));
  }
  // end::invalidate-on-update[]

  /**
   * {@code DELETE /posts/:id}: 204, 404, or 403 for someone else's post unless the user has the
   * {@code admin} role; comments and tag links go with it (ON DELETE CASCADE).
   */
  Future<Response> delete(AuthUser user, long id) {
    Future<Integer> deleted = user.hasRole("admin")
        ? db.execute("DELETE FROM posts WHERE id = $1", Tuple.of(id))
        : db.execute(DELETE_OWN, Tuple.of(id, Authors.account(user)));
    return deleted.compose(n -> n > 0 ? Future.succeededFuture(Response.noContent()) : this.<Response>notYours(id, "delete"))
        .compose(r -> cache.invalidate(id).map(v -> r));
  }

  /** After a write that matched nothing: 404 when the post does not exist, else 403. */
  private <T> Future<T> notYours(long id, String what) {
    return db.optional("SELECT 1 FROM posts WHERE id = $1", Tuple.of(id), r -> 1).map(exists -> {
      found(exists, id);
      throw ProblemException.of(403, "Only the author may " + what + " post " + id + ".");
    });
  }

  /** {@code GET /export/posts}: every post, one JSON object per line, read through a cursor. */
  Streamed export() {
    return db.stream("SELECT " + Post.COLUMNS + " FROM posts ORDER BY id", Tuple.tuple(), Post::from, 500, true);
  }

  private static <T> T found(Optional<T> value, long id) {
    return value.orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("There is no post " + id + ".");
  }
}
