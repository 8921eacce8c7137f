package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /posts/:id/comments}: 1 to 1,000 characters, so the comment's JSON always
 * fits a PostgreSQL notification (under 8,000 bytes). The author is the user of the bearer token.
 */
@CompiledJson(onUnknown = CompiledJson.Behavior.FAIL)
public record NewComment(String body) implements Validatable {
  /** The longest body, characters. */
  static final int MAX_LENGTH = 1_000;

  @Override
  public void validate(Validation v) {
    v.notBlank("body", body).length("body", body, 1, MAX_LENGTH);
  }
}
