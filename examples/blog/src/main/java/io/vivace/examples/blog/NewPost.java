package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Rules;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /posts} and {@code PUT /posts/:id}; every invalid field is listed in one
 * 422; a member it does not know is one of them. The author is the user of the bearer token, not a field.
 * Its {@link Rules} are also in the OpenAPI document's schema.
 */
@CompiledJson(onUnknown = CompiledJson.Behavior.FAIL) // a misspelt member is a 422, not silently dropped
public record NewPost(String title, String body) implements Validatable {
  static final Rules<NewPost> RULES = Rules.of(NewPost.class)
      .notBlank("title", NewPost::title).length("title", NewPost::title, 1, 200)
      .notBlank("body", NewPost::body).length("body", NewPost::body, 1, 20_000);

  @Override
  public void validate(Validation v) {
    RULES.check(this, v);
  }
}
