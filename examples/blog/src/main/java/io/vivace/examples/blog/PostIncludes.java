package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vivace.db.Sql;
import io.vivace.db.eager.Eager;
import io.vivace.db.eager.Include;
import io.vivace.db.eager.Relation;
import io.vivace.extract.Extractor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relations of a post and {@code ?include=author,comments,tags}: each relation asked for is
 * one query (sent together), and comments bring their authors in one more query (the second
 * level), so a post with every include costs at most four queries after its own, whatever the
 * number of comments.
 */
final class PostIncludes {
  private static final String USERS = "SELECT id, name FROM users WHERE id = ANY($1)";

  /** The post's author (belongs-to). */
  static final Relation<Post, User> AUTHOR = Relation.belongsTo(USERS, User::from, Post::authorId, User::id);
  /** The post's comments, oldest first (has-many). */
  static final Relation<Post, Comment> COMMENTS = Relation.hasMany(
      "SELECT id, post_id, author_id, body, created_at FROM comments WHERE post_id = ANY($1) ORDER BY id",
      Comment::from, Post::id, Comment::postId);
  /** The post's tags by name (many-to-many through post_tags). */
  static final Relation<Post, Tag> TAGS = Relation.manyToMany(
      "SELECT pt.post_id, t.id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id"
          + " WHERE pt.post_id = ANY($1) ORDER BY t.name",
      row -> row.getLong(0), row -> new Tag(row.getInteger(1), row.getString(2)), Post::id);
  /** The second level: each comment's author. */
  static final Relation<Comment, User> COMMENT_AUTHOR =
      Relation.belongsTo(USERS, User::from, Comment::authorId, User::id);

  /** The {@code include} query parameter; an unknown name is a 400 listing these three. */
  static final Extractor<List<Relation<Post, ?>>> INCLUDE = Include.of(allowed());

  private PostIncludes() {
  }

  private static Map<String, Relation<Post, ?>> allowed() {
    Map<String, Relation<Post, ?>> m = new LinkedHashMap<>();
    m.put("author", AUTHOR);
    m.put("comments", COMMENTS);
    m.put("tags", TAGS);
    return m;
  }

  /** {@code post} with the relations in {@code include} loaded. */
  static Future<PostDetail> load(Sql db, Post post, List<Relation<Post, ?>> include) {
    if (include.isEmpty()) {
      return Future.succeededFuture(PostDetail.of(post, null, null, null));
    }
    return Eager.load(db, List.of(post), include).compose(loaded -> {
      Future<List<Comment>> comments = include.contains(COMMENTS)
          ? withAuthors(db, loaded.many(COMMENTS, post)) : Future.succeededFuture(null);
      return comments.map(cs -> PostDetail.of(post,
          include.contains(AUTHOR) ? loaded.one(AUTHOR, post) : null,
          cs,
          include.contains(TAGS) ? loaded.many(TAGS, post) : null));
    });
  }

  /** The comments, in their order, each with its author (one query for all of them). */
  static Future<List<Comment>> withAuthors(Sql db, List<Comment> comments) {
    return Eager.load(db, comments, COMMENT_AUTHOR).map(loaded ->
        comments.stream().map(c -> c.withAuthor(loaded.one(COMMENT_AUTHOR, c))).toList());
  }
}
