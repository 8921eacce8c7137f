package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/**
 * The answer of {@code POST /auth/totp/enable}: ten one-time recovery codes ({@code xxxxx-xxxxx},
 * base32), shown this once; the server keeps only their SHA-256. Each stands in for a TOTP code
 * once, at login or to disable TOTP.
 */
@CompiledJson
public record RecoveryCodes(List<String> codes) {
}
