package io.vivace.examples.blog;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.cache.Caches;
import io.vivace.cache.RedisOptions;
import io.vivace.config.Config;
import io.vivace.config.VivaceOptions;
import io.vivace.cors.CorsOptions;
import io.vivace.db.Database;
import io.vivace.db.DbOptions;
import io.vivace.db.notify.Notifications;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.httpcache.ETags;
import io.vivace.httpcache.Preconditions;
import io.vivace.observe.ObserveOptions;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.Page;
import io.vivace.pagination.Pagination;
import io.vivace.sse.EventStreams;
import java.util.List;

/**
 * A blog API on PostgreSQL: users, posts, comments and tags. It shows offset pages with a total,
 * a keyset feed with RFC 8288 {@code Link} headers, {@code ?include=} with eager loading (no N+1),
 * validated writes, database errors as problems, a streamed NDJSON export and live comments
 * (Server-Sent Events and a WebSocket fed by PostgreSQL notifications, across instances). Posts and user
 * profiles are read through a two-tier cache ({@link BlogCache}) and list endpoints send ETags. Run it with
 * {@code java -jar examples/blog/target/blog.jar}: without {@code DATABASE_URL} it starts an
 * embedded PostgreSQL; {@code BLOG_SEED=true} fills an empty database with demo data ({@link Seed}).
 * Writing posts needs a bearer token from the auth module under {@code /auth} ({@code JWT_SECRET}
 * must be set): the writes are one route group that requires it; signing up creates the account
 * and its blog user ({@link Authors}). Every response carries an {@code X-Request-Id} and every
 * request is written to the access log ({@link #accessLogByDefault()}). {@code VIVACE_TRACING=true}
 * traces requests, queries and Redis commands with OpenTelemetry (framework-tracing is on the class
 * path; exporter, endpoint and sampler from the {@code OTEL_*} variables, docs/observability.md).
 */
public final class BlogApp {
  private BlogApp() {
  }

  public static void main(String[] args) {
    accessLogByDefault();
    App app = Vivace.app();
    app.cors(cors(Config.system())); // the front end's origin: VIVACE_CORS_ORIGINS
    Database db = Database.attach(app);
    Seed.onStart(app, db, null); // BLOG_SEED, read at start
    routes(app, db, Auth.attach(app), Caches.attach(app)).run(); // JWT_SECRET; a Redis tier when REDIS_URL is set
  }

  /**
   * The blog writes an access log (Common Log Format) unless {@code VIVACE_ACCESS_LOG} (or
   * {@code -Dvivace.access-log}) says otherwise: {@code json} for JSON lines, {@code off} for none.
   * Request ids are on, as in every app ({@code VIVACE_REQUEST_ID}).
   */
  static void accessLogByDefault() {
    String property = Config.propertyName(ObserveOptions.ACCESS_LOG.env());
    if (Config.system().raw(ObserveOptions.ACCESS_LOG.env()) == null) {
      System.setProperty(property, "common");
    }
  }

  /** An app on the given options, seeded with {@code seed} when not null (tests); caches on Caffeine only. */
  public static App create(VivaceOptions options, DbOptions dbOptions, Seed seed, AuthOptions authOptions) {
    return create(options, dbOptions, seed, authOptions, null);
  }

  /** Like {@link #create(VivaceOptions, DbOptions, Seed, AuthOptions)} with the caches' Redis tier on {@code redis} (null: none). */
  public static App create(VivaceOptions options, DbOptions dbOptions, Seed seed, AuthOptions authOptions,
      RedisOptions redis) {
    App app = Vivace.app(options);
    Database db = Database.attach(app, dbOptions);
    if (seed != null) {
      Seed.onStart(app, db, seed);
    }
    return routes(app, db, Auth.attach(app, authOptions), Caches.attach(app, redis));
  }

  /**
   * CORS for the blog's browser front end: its origin comes from {@code VIVACE_CORS_ORIGINS} (for
   * example {@code https://blog.example.com}; unset: CORS off), the rest is the blog's own. The front
   * end sends bearer tokens in {@code Authorization}, not cookies, so credentials stay off; it sends
   * {@code If-Match} when it edits a post and reads {@code ETag}, {@code Link} (the feed's next page)
   * and {@code Location} (a created post).
   *
   * @throws io.vivace.config.ConfigException naming the setting when a {@code VIVACE_CORS_*} value is invalid
   */
  public static CorsOptions cors(Config config) {
    return CorsOptions.from(config)
        .credentials(false)
        .headers(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match"))
        .exposedHeaders(List.of("ETag", "Link", "Location"));
  }

  /** Declares the blog's routes on {@code app}. */
  static App routes(App app, Database db, Auth auth, Caches caches) {
    AuthModule.mount(app, db, auth).onSignup(Authors::created);
    BlogCache cache = new BlogCache(caches);
    Posts posts = new Posts(db, cache);
    Users users = new Users(db, cache);
    Notifications notifications = Notifications.of(app, db); // one LISTEN connection per instance
    Comments comments = new Comments(db, notifications, cache);
    LiveComments live = new LiveComments(db, notifications, EventStreams.of(app));
    // List endpoints carry a strong ETag; If-None-Match with it gets 304 and no body.
    app.get("/posts", Pagination.offset(), ETags.IF_NONE_MATCH, (p, inm) -> posts.page(p).map(r -> ETags.conditional(inm, r)))
        .produces(Page.class, PostSummary.class).operationId("listPosts").summary("Posts, newest first").tags("posts");
    app.get("/posts/feed", Pagination.keyset(), ETags.IF_NONE_MATCH,      // before /posts/:id
        (p, inm) -> posts.feed(p).map(r -> ETags.conditional(inm, r)))
        .produces(CursorPage.class, PostSummary.class).operationId("feed").summary("Posts by cursor").tags("posts");
    app.get("/posts/:id", Path.longValue("id"), PostIncludes.INCLUDE, ETags.IF_NONE_MATCH, posts::one)
        .produces(PostDetail.class).operationId("getPost").summary("A post, with the relations asked for").tags("posts");
    // tag::writes-group[]
    app.group("/", writes -> {
      writes.require(auth.user()); // every write needs a bearer token: 401 before any extractor or handler
      writes.post("/posts", auth.user(), Body.json(NewPost.class), posts::create)
          .produces(PostDetail.class).status(201).errors(403).operationId("createPost").summary("Write a post")
          .tags("posts");
      writes.put("/posts/:id", auth.user(), Path.longValue("id"), Preconditions.IF_MATCH, Body.json(NewPost.class),
          posts::update) // If-Match: 412 when the post changed since the client read its ETag
          .produces(PostDetail.class).errors(403).operationId("updatePost").summary("Replace your post").tags("posts");
      writes.delete("/posts/:id", auth.user(), Path.longValue("id"), posts::delete)
          .status(204).errors(403).operationId("deletePost").summary("Delete your post").tags("posts");
      writes.post("/posts/:id/comments", auth.user(), Path.longValue("id"), Body.json(NewComment.class), comments::create)
          .produces(Comment.class).status(201).errors(403).operationId("createComment")
          .summary("Comment on a post; live subscribers get it").tags("comments");
    });
    // end::writes-group[]
    // tag::live-comments[]
    app.get("/posts/:id/comments/live", Path.longValue("id"), EventStreams.lastEventId(), live::stream)
        .produces(String.class).mediaType("text/event-stream").operationId("liveComments")
        .summary("New comments as Server-Sent Events (event `comment`, data the comment's JSON)").tags("comments");
    app.ws("/posts/:id/comments/ws", Path.longValue("id"), live::socket); // one JSON text message per comment
    // end::live-comments[]
    app.post("/users", Body.json(NewUser.class), users::create)
        .produces(User.class).status(201).errors(409).operationId("createUser").summary("Create a user").tags("users");
    app.get("/users/:id", Path.longValue("id"), users::one).produces(User.class).operationId("getUser").summary("A user")
        .tags("users");
    app.get("/users/:id/posts", Path.longValue("id"), Pagination.offset(), ETags.IF_NONE_MATCH,
        (id, p, inm) -> users.posts(id, p).map(r -> ETags.conditional(inm, r)))
        .produces(Page.class, PostSummary.class).operationId("listUserPosts").summary("A user's posts, newest first")
        .tags("users");
    app.get("/export/posts", posts::export).produces(Post.class).mediaType("application/x-ndjson")
        .operationId("exportPosts").summary("Every post, one JSON object per line").tags("posts");
    return app;
  }
}
