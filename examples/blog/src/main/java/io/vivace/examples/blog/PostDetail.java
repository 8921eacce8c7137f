package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/**
 * One post with what {@code ?include=} asked for, the same shape in every answer about one post
 * (get, create, update): a relation not asked for is {@code null}, one asked for but empty is
 * {@code []} (an author is always there).
 *
 * @param author {@code include=author}
 * @param comments {@code include=comments}, ordered by id, each with its author
 * @param tags {@code include=tags}, ordered by name
 */
@CompiledJson
public record PostDetail(long id, long authorId, String title, String body, String createdAt,
    User author, List<Comment> comments, List<Tag> tags) {

  static PostDetail of(Post p, User author, List<Comment> comments, List<Tag> tags) {
    return new PostDetail(p.id(), p.authorId(), p.title(), p.body(), p.createdAt(), author, comments, tags);
  }
}
