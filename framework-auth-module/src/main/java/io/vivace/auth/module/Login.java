package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * The body of {@code POST /auth/login}: {@code email} and {@code password}; for an account with
 * TOTP on, also the current {@code code} (6 digits) or an unused {@code recoveryCode}. Without
 * either, a right password answers 401 with a field error naming {@code code}.
 */
@CompiledJson
public record Login(String email, String password, String code, String recoveryCode) {
}
