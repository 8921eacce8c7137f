package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * The answer of login and refresh: a JWT access token ({@code tokenType} {@code Bearer}, valid for
 * {@code expiresIn} seconds) and an opaque refresh token, used once (RFC 6749 section 5.1 shapes,
 * camelCase).
 */
@CompiledJson
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {
}
