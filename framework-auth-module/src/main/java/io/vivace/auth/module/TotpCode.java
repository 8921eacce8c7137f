package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * The body of {@code POST /auth/totp/enable} ({@code code}) and {@code POST /auth/totp/disable}
 * ({@code code}, or one unused {@code recoveryCode} instead).
 */
@CompiledJson
public record TotpCode(String code, String recoveryCode) {
}
