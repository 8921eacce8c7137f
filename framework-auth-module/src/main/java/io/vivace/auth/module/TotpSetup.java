package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * The answer of {@code POST /auth/totp/setup}: the new TOTP secret in base32 (RFC 4648) and the
 * {@code otpauth://totp/...} key URI authenticator apps scan (HMAC-SHA1, 6 digits, 30 s, RFC 6238).
 * TOTP is not on until {@code POST /auth/totp/enable} gets a valid code.
 */
@CompiledJson
public record TotpSetup(String secret, String uri) {
}
