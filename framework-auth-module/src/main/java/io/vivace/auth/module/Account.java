package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/** An account as the module shows it: id (the access token's {@code sub}), e-mail, roles. Never the password hash. */
@CompiledJson
public record Account(long id, String email, List<String> roles) {
}
