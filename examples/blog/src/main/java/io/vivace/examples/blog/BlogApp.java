package io.vivace.examples.blog;

import io.vivace.App;
import io.vivace.Vivace;
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
 */
public final class BlogApp {
  private BlogApp() {
  }

  public static void main(String[] args) {
    App app = Vivace.app();
    Database db = Database.attach(app);
    Seed.onStart(app, db, null); // BLOG_SEED, read at start
    routes(app, db).run();
  }

  /** An app on the given options, seeded with {@code seed} when not null (tests). */
  public static App create(VivaceOptions options, DbOptions dbOptions, Seed seed) {
    App app = Vivace.app(options);
    Database db = Database.attach(app, dbOptions);
    if (seed != null) {
      Seed.onStart(app, db, seed);
    }
    return routes(app, db);
  }

  /** Declares the blog's routes on {@code app}. */
  static App routes(App app, Database db) {
    Posts posts = new Posts(db);
    Users users = new Users(db);
    app.get("/posts", Pagination.offset(), posts::page);
    app.get("/posts/feed", Pagination.keyset(), posts::feed);             // before /posts/:id
    app.get("/posts/:id", Path.longValue("id"), PostIncludes.INCLUDE, posts::one);
    app.post("/posts", Body.json(NewPost.class), posts::create);
    app.put("/posts/:id", Path.longValue("id"), Body.json(NewPost.class), posts::update);
    app.delete("/posts/:id", Path.longValue("id"), posts::delete);
    app.post("/users", Body.json(NewUser.class), users::create);
    app.get("/users/:id", Path.longValue("id"), users::one);
    app.get("/users/:id/posts", Path.longValue("id"), Pagination.offset(), users::posts);
    app.get("/export/posts", posts::export);
    return app;
  }
}
