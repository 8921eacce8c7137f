package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;
import io.vivace.extract.Rules;
import io.vivace.extract.Validatable;
import io.vivace.extract.Validation;

/**
 * The body of {@code POST /users}; a taken e-mail address is a 409 (the unique constraint). Its
 * {@link Rules} are also in the OpenAPI document's schema.
 */
@CompiledJson
public record NewUser(String email, String name) implements Validatable {
  static final Rules<NewUser> RULES = Rules.of(NewUser.class)
      .notBlank("email", NewUser::email).length("email", NewUser::email, 3, 320).email("email", NewUser::email)
      .notBlank("name", NewUser::name).length("name", NewUser::name, 1, 100);

  @Override
  public void validate(Validation v) {
    RULES.check(this, v);
  }
}
