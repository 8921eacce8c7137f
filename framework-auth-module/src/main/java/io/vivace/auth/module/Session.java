package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;

/**
 * One active session of an account: a refresh-token family, started by one login. {@code id} is
 * the family's UUID (what {@code DELETE /auth/sessions/{session}} takes); {@code createdAt} and
 * {@code lastUsedAt} are RFC 3339 UTC timestamps (login, latest refresh); {@code ip} is the client
 * address by the trusted-proxy rule ({@code VIVACE_TRUSTED_PROXIES}) and {@code userAgent} the
 * {@code User-Agent} header (at most 256 characters), both as of the latest login or refresh, each
 * null when unknown; {@code current} is true for the session of the access token that asked.
 */
@CompiledJson
public record Session(String id, String createdAt, String lastUsedAt, String ip, String userAgent, boolean current) {
}
