package io.vivace.auth.module.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vivace.extract.RequestExtractor;
import io.vivace.observe.ClientAddress;

/** Who is calling: the client address (trusted-proxy rule) and the {@code User-Agent}, cut to {@value #MAX_USER_AGENT} characters. */
record ClientInfo(String ip, String userAgent) {
  static final int MAX_USER_AGENT = 256;

  /** The extractor: request line and headers only. */
  static final RequestExtractor<ClientInfo> EXTRACTOR = ClientInfo::of;

  static ClientInfo of(HttpServerRequest request) {
    String ua = request.getHeader("User-Agent");
    if (ua != null && ua.length() > MAX_USER_AGENT) {
      ua = ua.substring(0, MAX_USER_AGENT);
    }
    return new ClientInfo(ClientAddress.of(request), ua);
  }
}
