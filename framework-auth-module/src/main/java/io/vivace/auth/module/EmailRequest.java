package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/** The body of {@code POST /auth/password/forgot}: {@code {"email": "..."}}. */
@CompiledJson
public record EmailRequest(String email) {
}
