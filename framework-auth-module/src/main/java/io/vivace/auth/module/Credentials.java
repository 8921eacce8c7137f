package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/** The body of signup and login: {@code {"email": "...", "password": "..."}}. */
@CompiledJson
public record Credentials(String email, String password) {
}
