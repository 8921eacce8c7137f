package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/** The body of {@code POST /auth/password/reset}: the mailed {@code token} and the new {@code password}. */
@CompiledJson
public record PasswordReset(String token, String password) {
}
