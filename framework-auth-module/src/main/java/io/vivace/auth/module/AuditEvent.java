package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * One entry of the audit trail: when ({@code at}, RFC 3339 UTC), which {@code event} ({@code login},
 * {@code refresh}, {@code logout}, {@code session_revoked}, {@code sessions_revoked_all},
 * {@code totp_enabled}, {@code totp_disabled}, {@code password_reset_requested},
 * {@code password_reset}, {@code email_verified}), its {@code outcome} ({@code success}, or why it
 * failed: {@code failure}, {@code throttled}, {@code code_required}, {@code wrong_code},
 * {@code reused}, {@code error}), the client {@code ip} (trusted-proxy rule) and {@code userAgent};
 * the last two null when unknown.
 */
@CompiledJson
public record AuditEvent(String at, String event, String outcome, String ip, String userAgent) {
}
