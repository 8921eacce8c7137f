package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/** The body of refresh and logout: {@code {"refreshToken": "..."}}. */
@CompiledJson
public record RefreshRequest(String refreshToken) {
}
