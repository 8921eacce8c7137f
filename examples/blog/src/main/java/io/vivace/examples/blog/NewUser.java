package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/** The body of {@code POST /users}; a taken e-mail address is a 409 (the unique constraint). */
@CompiledJson
public record NewUser(String email, String name) implements Validatable {
  @Override
  public void validate(Validation v) {
    v.notBlank("email", email).length("email", email, 3, 320)
        .check(email == null || email.indexOf('@') > 0, "email", "must be an e-mail address")
        .notBlank("name", name).length("name", name, 1, 100);
  }
}
