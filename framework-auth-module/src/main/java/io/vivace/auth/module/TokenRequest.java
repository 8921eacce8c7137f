package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/** The body of {@code POST /auth/email/verify}: the mailed {@code token}. */
@CompiledJson
public record TokenRequest(String token) {
}
