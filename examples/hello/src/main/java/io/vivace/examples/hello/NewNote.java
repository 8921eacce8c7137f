package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /notes}. Every invalid field is reported at once (422), each with its
 * JSON pointer.
 */
// tag::newnote[]
@CompiledJson
public record NewNote(String title, String body, Integer priority) implements Validatable {
  @Override
  public void validate(Validation v) {
    v.notBlank("title", title).length("title", title, 1, 100)
        .length("body", body, 0, 10_000)
        .required("priority", priority).range("priority", priority, 1, 5);
  }
}
// end::newnote[]
