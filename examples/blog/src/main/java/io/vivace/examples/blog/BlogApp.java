package io.vivace.examples.blog;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.auth.Auth;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.module.AuthModule;
import io.vivace.config.VivaceOptions;
import io.vivace.db.Database;
import io.vivace.db.DbOptions;
import io.vivace.extract.Body;
import io.vivace.extract.Path;
import io.vivace.pagination.Pagination;

/**
 * A blog API on PostgreSQL: users, posts, comments and tags. It shows offset pages with a total,
 * a keyset feed with RFC 8288 {@code Link} headers, {@code ?include=} with eager loading (no N+1),
 * validated writes, database errors as problems and a streamed NDJSON export. Run it with
 * {@code java -jar examples/blog/target/blog.jar}: without {@code DATABASE_URL} it starts an
 * embedded PostgreSQL; {@code BLOG_SEED=true} fills an empty database with demo data ({@link Seed}).
 * Writing posts needs a bearer token from the auth module under {@code /auth} ({@code JWT_SECRET}
 * must be set): signing up creates the account and its blog user ({@link Authors}).
 */
public final class BlogApp {
  private BlogApp() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    Database db = Database.attach(app);
    Seed.onStart(app, db, null); // BLOG_SEED, read at start
    routes(app, db, Auth.attach(app)).run(); // JWT_SECRET etc., read at start
  }

  /** An app on the given options, seeded with {@code seed} when not null (tests). */
  public static App create(VivaceOptions options, DbOptions dbOptions, Seed seed, AuthOptions authOptions) {
    App app = Vivace.app(options);
    Database db = Database.attach(app, dbOptions);
    if (seed != null) {
      Seed.onStart(app, db, seed);
    }
    return routes(app, db, Auth.attach(app, authOptions));
  }

  /** Declares the blog's routes on {@code app}. */
  static App routes(App app, Database db, Auth auth) {
    AuthModule.mount(app, db, auth).onSignup(Authors::created);
    Posts posts = new Posts(db);
    Users users = new Users(db);
    app.get("/posts", Pagination.offset(), posts::page);
    app.get("/posts/feed", Pagination.keyset(), posts::feed);             // before /posts/:id
    app.get("/posts/:id", Path.longValue("id"), PostIncludes.INCLUDE, posts::one);
    app.post("/posts", auth.user(), Body.json(NewPost.class), posts::create);
    app.put("/posts/:id", auth.user(), Path.longValue("id"), Body.json(NewPost.class), posts::update);
    app.delete("/posts/:id", auth.user(), Path.longValue("id"), posts::delete);
    app.post("/users", Body.json(NewUser.class), users::create);
    app.get("/users/:id", Path.longValue("id"), users::one);
    app.get("/users/:id/posts", Path.longValue("id"), Pagination.offset(), users::posts);
    app.get("/export/posts", posts::export);
    return app;
  }
}
