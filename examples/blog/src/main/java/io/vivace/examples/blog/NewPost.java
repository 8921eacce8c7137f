package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/** The body of {@code POST /posts} and {@code PUT /posts/:id}; every invalid field is listed in one 422. */
@CompiledJson
public record NewPost(Long authorId, String title, String body) implements Validatable {
  @Override
  public void validate(Validation v) {
    v.required("authorId", authorId)
        .notBlank("title", title).length("title", title, 1, 200)
        .notBlank("body", body).length("body", body, 1, 20_000);
  }
}
