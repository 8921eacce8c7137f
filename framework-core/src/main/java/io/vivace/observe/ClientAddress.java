package io.vivace.observe;

import io.vertx.core.http.HttpServerRequest;
import io.vivace.extract.RequestExtractor;
import io.vivace.observe.impl.ObserveLocals;

/**
 * The address of the client behind the request. When the direct peer is one of the trusted
 * proxies ({@link ObserveOptions#TRUSTED_PROXIES}, CIDRs), its {@code Forwarded} header (RFC 7239,
 * the {@code for=} parameters, quoted IPv6 and ports allowed) or, without one,
 * {@code X-Forwarded-For} names the client: the hops are walked from the right, skipping trusted
 * proxies, and the first untrusted hop is the client; a hop that is no address ({@code unknown},
 * an obfuscated name) stops the walk at the nearest known hop; a malformed {@code Forwarded} is
 * ignored. From any other peer the headers are ignored (a client cannot forge its address). The
 * access log and the auth module's login throttling use this address.
 */
public final class ClientAddress {
  private ClientAddress() {
  }

  /**
   * The client's IP address as text (IPv4 dotted, IPv6 as written or as the socket prints it; no
   * brackets, no port), or null when the connection has none (a Unix domain socket). Call it on
   * the request's event loop; it parses the headers on each call (the access log calls it once).
   */
  public static String of(HttpServerRequest req) {
    return ObserveLocals.clientAddress(req);
  }

  /**
   * The client's address as a handler argument ({@link #of}); a request extractor, so it keeps a
   * route on the static path. Null when the connection has none.
   */
  public static RequestExtractor<String> extractor() {
    return ClientAddress::of;
  }
}
