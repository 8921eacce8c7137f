package io.vivace.observe.impl;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address behind trusted proxies. The peer's {@code Forwarded} (RFC 7239, its
 * {@code for=} parameters) or, when there is none, {@code X-Forwarded-For} is read only when the
 * peer is in the trusted networks; the hops are walked from the right, skipping trusted proxies,
 * and the first untrusted one is the client. A hop that is no IP address ({@code unknown}, an
 * obfuscated identifier, a malformed value) stops the walk: the client is then the nearest known
 * hop. A malformed {@code Forwarded} header (an unterminated quote, a pair without {@code =}) is
 * ignored and the peer is the client. No regular expression; allocation only for requests from a
 * trusted peer. Immutable and thread-safe.
 */
public final class ProxiedClients {
  private static final CharSequence FORWARDED = io.vertx.core.http.HttpHeaders.createOptimized("Forwarded");
  private static final CharSequence X_FORWARDED_FOR = io.vertx.core.http.HttpHeaders.createOptimized("X-Forwarded-For");

  private final Cidrs trusted;

  /** @param trusted the networks of the trusted proxies; not null */
  public ProxiedClients(Cidrs trusted) {
    this.trusted = trusted;
  }

  /** The peer's address as {@link SocketAddress#hostAddress()} prints it, or null (a Unix domain socket). */
  public static String peer(HttpServerRequest req) {
    SocketAddress remote = req.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  /** The client's address of {@code req}: an IP address as written (no brackets, no port), or null. */
  public String resolve(HttpServerRequest req) {
    String peer = peer(req);
    if (peer == null) {
      return null;
    }
    byte[] peerBytes = Cidrs.bytes(peer);
    if (peerBytes == null || !trusted.contains(peerBytes)) {
      return peer;
    }
    List<String> nodes;
    List<String> forwarded = req.headers().getAll(FORWARDED);
    if (!forwarded.isEmpty()) {
      nodes = forwardedFor(forwarded);
      if (nodes == null) {
        return peer;
      }
    } else {
      List<String> xff = req.headers().getAll(X_FORWARDED_FOR);
      if (xff.isEmpty()) {
        return peer;
      }
      nodes = xForwardedFor(xff);
    }
    return walk(nodes, peer);
  }

  private String walk(List<String> nodes, String peer) {
    String nearest = peer;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      String ip = ip(nodes.get(i));
      if (ip == null) {
        return nearest;
      }
      byte[] b = Cidrs.bytes(ip);
      if (!trusted.contains(b)) {
        return ip;
      }
      nearest = ip;
    }
    return nearest;
  }

  /** The {@code for=} value of each element of the header fields (null where an element has none), or null when malformed. */
  static List<String> forwardedFor(List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String field : fields) {
      int n = field.length();
      int i = 0;
      String forValue = null;
      boolean inElement = false;
      while (true) {
        i = skipSpace(field, i);
        if (i >= n) {
          if (inElement) {
            out.add(forValue);
          }
          break;
        }
        char c = field.charAt(i);
        if (c == ',' || c == ';') {
          if (c == ',' && inElement) {
            out.add(forValue);
            forValue = null;
            inElement = false;
          }
          i++;
          continue;
        }
        int j = i;
        while (j < n && field.charAt(j) != '=' && field.charAt(j) != ',' && field.charAt(j) != ';') {
          j++;
        }
        if (j >= n || field.charAt(j) != '=') {
          return null; // a pair without '='
        }
        String name = field.substring(i, j).trim();
        if (name.isEmpty()) {
          return null;
        }
        int end;
        String value;
        if (j + 1 < n && field.charAt(j + 1) == '"') {
          StringBuilder sb = new StringBuilder();
          int k = j + 2;
          for (; k < n && field.charAt(k) != '"'; k++) {
            char q = field.charAt(k);
            if (q == '\\' && k + 1 < n) {
              q = field.charAt(++k);
            }
            sb.append(q);
          }
          if (k >= n) {
            return null; // an unterminated quoted-string
          }
          value = sb.toString();
          end = skipSpace(field, k + 1);
          if (end < n && field.charAt(end) != ';' && field.charAt(end) != ',') {
            return null; // text after a quoted value
          }
        } else {
          int k = j + 1;
          while (k < n && field.charAt(k) != ';' && field.charAt(k) != ',') {
            k++;
          }
          value = field.substring(j + 1, k).trim();
          end = k;
        }
        inElement = true;
        if (name.equalsIgnoreCase("for")) {
          forValue = value;
        }
        i = end;
      }
    }
    return out;
  }

  /** The comma-separated entries of {@code X-Forwarded-For} fields, trimmed (empty ones as null). */
  static List<String> xForwardedFor(List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String field : fields) {
      int start = 0;
      while (start <= field.length()) {
        int comma = field.indexOf(',', start);
        int end = comma < 0 ? field.length() : comma;
        String entry = field.substring(start, end).trim();
        out.add(entry.isEmpty() ? null : entry);
        start = end + 1;
      }
    }
    return out;
  }

  /**
   * The IP address of a node ({@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code [2001:db8::1]},
   * {@code [2001:db8::1]:443}, a bare {@code 2001:db8::1}), or null when it is none.
   */
  static String ip(String node) {
    if (node == null || node.isEmpty()) {
      return null;
    }
    if (node.charAt(0) == '[') {
      int close = node.indexOf(']');
      if (close < 0 || !port(node, close + 1)) {
        return null;
      }
      String ip = node.substring(1, close);
      return NetUtil.isValidIpV6Address(ip) ? ip : null;
    }
    int colon = node.indexOf(':');
    if (colon < 0) {
      return NetUtil.isValidIpV4Address(node) ? node : null;
    }
    if (colon == node.lastIndexOf(':')) {
      String ip = node.substring(0, colon);
      return port(node, colon) && NetUtil.isValidIpV4Address(ip) ? ip : null;
    }
    return NetUtil.isValidIpV6Address(node) ? node : null;
  }

  /** Whether {@code node} from {@code at} is empty or {@code :} and a port (digits, or RFC 7239's {@code _obfport}). */
  private static boolean port(String node, int at) {
    if (at == node.length()) {
      return true;
    }
    if (node.charAt(at) != ':' || at + 1 == node.length()) {
      return false;
    }
    for (int i = at + 1; i < node.length(); i++) {
      char c = node.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (node.charAt(at + 1) == '_'
          && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
