package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /posts} and {@code PUT /posts/:id}; every invalid field is listed in one
 * 422; a member it does not know is one of them. The author is the user of the bearer token, not a field.
 */
@CompiledJson(onUnknown = CompiledJson.Behavior.FAIL) // a misspelt member is a 422, not silently dropped
public record NewPost(String title, String body) implements Validatable {
  @Override
  public void validate(Validation v) {
    v.notBlank("title", title).length("title", title, 1, 200)
        .notBlank("body", body).length("body", body, 1, 20_000);
  }
}
