package io.vivace.tls;

/** A curl run's HTTP status and body. */
public record CurlResult(int status, String body) {
}
