package io.vivace.db.impl;

import io.netty.util.AsciiString;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.ContextInternal;
import io.vivace.filter.Exchange;
import io.vivace.filter.Filter;
import io.vivace.filter.Next;

/**
 * Read-your-writes across requests ({@code VIVACE_DB_READ_YOUR_WRITES_WINDOW}), an app-wide filter
 * added only when it is on and there are read replicas. The rule: a {@code POST}, {@code PUT},
 * {@code PATCH} or {@code DELETE} request that sent a statement to the primary and succeeded
 * answers with the cookie {@value #COOKIE} (RFC 6265: the time until which it holds, in ms since
 * the epoch; {@code Max-Age} the window in seconds, rounded up; {@code Path=/; HttpOnly;
 * SameSite=Lax}); a request that carries it, not expired and not further ahead than one window
 * (a forged far-future value is ignored), reads from the primary. Safe methods never set it, so a
 * {@code GET} whose cache fill reads the primary does not pin its client. The cookie is read
 * without a regex; the header is built only for a write request's answer.
 */
final class StickyPrimary implements Filter {
  /** The cookie's name: {@value}. */
  static final String COOKIE = "vivace-primary-until";
  private static final AsciiString COOKIE_HEADER = AsciiString.cached("Cookie");
  private static final AsciiString SET_COOKIE = AsciiString.cached("Set-Cookie");
  private final long windowMs;
  private final String attributes;

  StickyPrimary(long windowMs) {
    this.windowMs = windowMs;
    this.attributes = "; Max-Age=" + ((windowMs + 999) / 1000) + "; Path=/; HttpOnly; SameSite=Lax";
  }

  @Override
  public Object apply(Exchange ex, Next next) throws Exception {
    ContextInternal request = DbLocals.request();
    String cookies = ex.header(COOKIE_HEADER);
    if (cookies != null) {
      long until = until(cookies);
      long now = System.currentTimeMillis();
      if (until > now && until <= now + windowMs) {
        DbLocals.pinned(request);
      }
    }
    Object result = next.proceed();
    HttpMethod m = ex.method();
    if (m != HttpMethod.POST && m != HttpMethod.PUT && m != HttpMethod.PATCH && m != HttpMethod.DELETE) {
      return result;
    }
    return Filter.whenDone(ex, result, (e, r) -> {
      if (DbLocals.usedPrimary(request)) {
        e.responseHeader(SET_COOKIE, COOKIE + "=" + (System.currentTimeMillis() + windowMs) + attributes);
      }
      return r;
    });
  }

  /** The cookie's value in a {@code Cookie} header ({@code a=1; vivace-primary-until=123}), or -1. */
  static long until(String cookies) {
    int at = cookies.indexOf(COOKIE);
    while (at >= 0) {
      boolean starts = at == 0 || cookies.charAt(at - 1) == ' ' || cookies.charAt(at - 1) == ';';
      int eq = at + COOKIE.length();
      if (starts && eq < cookies.length() && cookies.charAt(eq) == '=') {
        long v = 0;
        int i = eq + 1;
        int digits = 0;
        for (; i < cookies.length() && digits < 18; i++, digits++) {
          char c = cookies.charAt(i);
          if (c < '0' || c > '9') {
            break;
          }
          v = v * 10 + (c - '0');
        }
        boolean ends = i == cookies.length() || cookies.charAt(i) == ';';
        return digits > 0 && ends ? v : -1;
      }
      at = cookies.indexOf(COOKIE, at + 1);
    }
    return -1;
  }
}
