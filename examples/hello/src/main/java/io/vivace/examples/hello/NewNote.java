package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Rules;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /notes}. Every invalid field is reported at once (422), each with its
 * JSON pointer; the rules are also in the OpenAPI document's schema.
 */
// tag::newnote[]
@CompiledJson
public record NewNote(String title, String body, Integer priority) implements Validatable {
  static final Rules<NewNote> RULES = Rules.of(NewNote.class)
      .notBlank("title", NewNote::title).length("title", NewNote::title, 1, 100)
      .length("body", NewNote::body, 0, 10_000)
      .required("priority", NewNote::priority).range("priority", NewNote::priority, 1, 5);

  @Override
  public void validate(Validation v) {
    RULES.check(this, v);
  }
}
// end::newnote[]
