package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * One entry of the audit trail: when ({@code at}, RFC 3339 UTC), which {@code event} ({@code login},
 * {@code refresh}, {@code logout}, {@code session_revoked}, {@code sessions_revoked_all},
 * {@code totp_enabled}, {@code totp_disabled}, {@code password_reset_requested},
 * {@code password_reset}, {@code email_verified}, {@code permission_granted},
 * {@code permission_revoked}), its {@code outcome} ({@code success}, or why it failed:
 * {@code failure}, {@code throttled}, {@code code_required}, {@code wrong_code}, {@code reused},
 * {@code error}), the client {@code ip} (trusted-proxy rule) and {@code userAgent}, and
 * {@code detail}, what the event acted on when the rest does not say it (the role and permission of
 * a grant or revocation, e.g. {@code editor posts:delete}); the last three null when unknown or
 * not needed.
 */
@CompiledJson
public record AuditEvent(String at, String event, String outcome, String ip, String userAgent, String detail) {
}
