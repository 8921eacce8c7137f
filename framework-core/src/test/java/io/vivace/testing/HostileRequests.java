package io.vivace.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The requests {@link HttpFuzz} sends: each drawn from a {@link Random}, around an app's paths and
 * requests, in one of these families: malformed request lines and versions, a missing or doubled
 * {@code Host}, the HTTP/2 preface, NUL bytes, controls and invalid UTF-8 in the target and headers,
 * path traversal, conflicting framing headers, bad chunked bodies, deep and hostile JSON, giant
 * numbers, upgrade requests, odd and oversized headers, hostile query strings, the app's own
 * requests as they are and mutated, and garbage lines. Every request is complete: its framing says
 * where it ends, so a server waiting for more is at fault.
 */
final class HostileRequests {
  private final List<String> getPaths;
  private final List<String> postPaths;
  private final List<String> appRequests;
  private final String bodyHeaders;

  HostileRequests(List<String> getPaths, List<String> postPaths, List<String> appRequests, String bodyHeaders) {
    this.getPaths = getPaths;
    this.postPaths = postPaths;
    this.appRequests = appRequests;
    this.bodyHeaders = bodyHeaders;
  }

  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
      "CONNECT", "get", "G ET", "GET\t", "FOO", "", "PRI", "GETGETGETGETGETGETGETGETGET"};
  private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3",
      "HTTP/1", "http/1.1", "HTTP/1.1x", "HTTP/11.1", "HTTP/9.9", "HTTP/1.1 extra", "", "HTTP/-1.1", "HTTPS/1.1"};
  private static final String[] TRAVERSALS = {"/../../../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
      "/./././", "//", "/static/../../x", "/..;/x", "/%c0%ae%c0%ae/x", "/\\..\\..\\windows", "/%252e%252e/x",
      "/.%00./x", "/a/b/c/../../../..", "/?../../", "/%2F%2F"};
  private static final String[] NUMBERS = {"99999999999999999999999999", "-1", "-9223372036854775809", "1e999",
      "0x10", "NaN", "Infinity", "-0", "00000000000000000001", "1.5", "9223372036854775807", "2147483648", ""};
  private static final String[] TE = {"chunked, identity", "gzip, chunked", "identity", "chunked, chunked",
      "Chunked", " chunked", "chunked\t", "xchunked", "gzip"};

  byte[] generate(Random r) {
    String path = pick(r, getPaths, "/");
    switch (r.nextInt(17)) {
      case 0:
        return ascii(pick(r, METHODS) + " " + path + " " + pick(r, VERSIONS) + "\r\nHost: x\r\n\r\n");
      case 1: // missing Host, or two
        return ascii(r.nextBoolean() ? "GET " + path + " HTTP/1.1\r\n\r\n" : "GET " + path + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
      case 2:
        return ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + (r.nextBoolean() ? "\u0000\u0000\u0012\u0004\u0000\u0000\u0000\u0000\u0000" : ""));
      case 3: // NUL, controls, invalid UTF-8 in the target
        return bytes("GET ", mutateTarget(r, path), " HTTP/1.1\r\nHost: x\r\n\r\n");
      case 4: // bad bytes in a header
        return bytes("GET " + path + " HTTP/1.1\r\nHost: x\r\n", badHeader(r), "\r\n\r\n");
      case 5:
        return ascii("GET " + pick(r, TRAVERSALS) + (r.nextBoolean() ? "" : path) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      case 6:
        return framing(r);
      case 7:
        return chunked(r);
      case 8:
        return jsonBody(r, deepJson(r));
      case 9:
        return numbers(r, path);
      case 10:
        return upgrade(r, path);
      case 11:
        return oddHeaders(r, path);
      case 12:
        return jsonBody(r, hostileJson(r));
      case 13:
        return appRequests.isEmpty() ? ascii(RawHttp.get(path)) : mutateRequest(r, pick(r, appRequests, ""));
      case 14:
        return appRequests.isEmpty() ? ascii(RawHttp.get(path)) : ascii(pick(r, appRequests, ""));
      case 15: // the query and its values
        return bytes("GET " + stripQuery(path) + "?", query(r), " HTTP/1.1\r\nHost: x\r\n\r\n");
      default:
        return ascii(garbageLine(r) + "\r\n\r\n");
    }
  }

  private static String stripQuery(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private byte[] mutateTarget(Random r, String path) {
    String[] bad = {"\u0000", "%00", "\u00ff\u00fe", "\u00c3\u0028", "\u00ed\u00a0\u0080", "%z", "%", "%g0", "%c3%28",
        "%ed%a0%80", "\u007f", "\u0001", "%ff", "\u00e9", "?a=\u0000", "?%=%", "#frag", "?a=%zz&b", ";x=1"};
    String b = bad[r.nextInt(bad.length)];
    int at = r.nextInt(path.length() + 1);
    return latin1(path.substring(0, at) + b + path.substring(at));
  }

  private byte[] badHeader(Random r) {
    String[] hs = {"X-A: a\u0000b", "X-A: \u00c3\u0028", "X-A\u0000: 1", "X A: 1", ": empty", "X-A:\u00ff\u00fe",
        "Accept: \u0000", "Cookie: a=\u0000; b=\u00ff", "Authorization: Bearer \u0000\u00ff", "If-None-Match: W/",
        "If-None-Match: \"", "If-None-Match: W/\"", "X-Request-Id: \u00ff" + "x".repeat(80), "Content-Type: \u0000",
        "Accept-Language: " + "a,".repeat(500), "Range: bytes=-1-2", "If-Modified-Since: yesterday", "X-Forwarded-For: ::::"};
    return latin1(hs[r.nextInt(hs.length)]);
  }

  private byte[] framing(Random r) {
    String target = pick(r, postPaths, pick(r, getPaths, "/"));
    String body = "{\"a\":1}";
    switch (r.nextInt(7)) {
      case 0:
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\nContent-Length: 8\r\n\r\n" + body + " ");
      case 1:
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7, 8\r\n\r\n" + body + " ");
      case 2: // CL with TE, a smuggled request in the body
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
      case 3:
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + pick(r, TE)
            + "\r\n\r\n7\r\n" + body + "\r\n0\r\n\r\n");
      case 4: // TE on HTTP/1.0
        return ascii("POST " + target + " HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7\r\n" + body + "\r\n0\r\n\r\n");
      case 5:
        String[] lengths = {"-1", "abc", "99999999999999999999", "+7", "0x7", "7 7", "", " 7"};
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + lengths[r.nextInt(lengths.length)] + "\r\n\r\n" + body);
      default:
        return ascii("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n");
    }
  }

  private byte[] chunked(Random r) {
    String target = pick(r, postPaths, pick(r, getPaths, "/"));
    String[] bodies = {"zz\r\nabc\r\n0\r\n\r\n", "-1\r\nx\r\n0\r\n\r\n", "fffffffffffffffffff\r\nx\r\n0\r\n\r\n",
        "3\r\nabcdef\r\n0\r\n\r\n", "3;ext=\u0000\r\nabc\r\n0\r\n\r\n", "3\nabc\n0\n\n", "0\r\nX-Trailer: \u0000\r\n\r\n",
        "7\r\n{\"a\":1}\r\n0\r\nbad trailer\r\n\r\n", "\r\n\r\n0\r\n\r\n", "3 \r\nabc\r\n0\r\n\r\n"};
    return latin1("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + bodies[r.nextInt(bodies.length)] + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  private static String deepJson(Random r) {
    int depth = 1000 + r.nextInt(50_000);
    boolean arrays = r.nextBoolean();
    StringBuilder b = new StringBuilder(depth * 6);
    b.append("{\"title\":");
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? "[" : "{\"a\":");
    }
    b.append('1');
    for (int i = 0; i < depth; i++) {
      b.append(arrays ? ']' : '}');
    }
    return b.append('}').toString();
  }

  private static String hostileJson(Random r) {
    String[] bodies = {"{\"name\":\"\\ud800\"}", "{\"title\":\"\\udc00x\",\"body\":\"b\"}", "{\"title\":\"\u00c3\u0028\",\"body\":\"b\"}",
        "{\"title\":1e999999999,\"body\":\"b\"}", "{\"id\":99999999999999999999999999999,\"title\":\"t\"}",
        "{\"title\":-0,\"body\":NaN}", "{\"title\":\"t\",\"title\":\"u\",\"body\":\"b\"}", "{\"title\":\"\u0000\"}", "[]", "null",
        "\"str\"", "{", "{\"a\":[1,2,", "{\"title\":\"" + "x".repeat(70_000) + "\",\"body\":\"b\"}", "{\"a\":\"\\u00\"}",
        "{\"title\":\"t\",\"body\":\"b\",\"authorId\":-1}", "{\"title\":\"t\",\"body\":\"b\",\"tags\":[" + "\"t\",".repeat(500) + "\"t\"]}",
        "\u00ef\u00bb\u00bf{\"title\":\"t\"}", "{\"title\":\"t\"}garbage", "{\"title\":123456789012345678901234567890.5e-99999}"};
    return bodies[r.nextInt(bodies.length)];
  }

  private byte[] jsonBody(Random r, String json) {
    String target = pick(r, postPaths, pick(r, getPaths, "/"));
    String method = r.nextInt(4) == 0 ? "PUT" : "POST";
    byte[] body = latin1(json);
    String[] types = {"application/json", "application/json; charset=utf-8", "text/plain", "application/json; charset=latin1", ""};
    return bytes(method + " " + target + " HTTP/1.1\r\nHost: x\r\n" + bodyHeaders + "Content-Type: " + types[r.nextInt(types.length)]
        + "\r\nContent-Length: " + body.length + "\r\n\r\n", body, "");
  }

  private byte[] numbers(Random r, String path) {
    String n = pick(r, NUMBERS);
    String base = stripQuery(path);
    String[] targets = {base + "/" + n, base + "?page=" + n + "&size=" + pick(r, NUMBERS), base + "?queries=" + n,
        base + "?limit=" + n + "&offset=" + pick(r, NUMBERS), base + "?id=" + n, base + "?count=" + n};
    return ascii("GET " + targets[r.nextInt(targets.length)] + " HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  private byte[] upgrade(Random r, String path) {
    String[] heads = {"Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Connection: Upgrade\r\nUpgrade: websocket", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
        "Upgrade: h2c", "Connection: Upgrade\r\nUpgrade: TLS/1.2", "Connection: upgrade\r\nUpgrade: \u0000",
        "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: x"};
    return latin1("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + heads[r.nextInt(heads.length)] + "\r\n\r\n");
  }

  private byte[] oddHeaders(Random r, String path) {
    switch (r.nextInt(8)) {
      case 0:
        return ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
      case 1:
        return ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + "X-A: 1\r\n".repeat(2_000) + "\r\n");
      case 2:
        return ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\r\n");
      case 3:
        return ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
      case 4:
        return ascii("GET " + path + " HTTP/1.1\nHost: x\n\n");
      case 5:
        return ascii("GET " + path + " HTTP/1.1\r\nHost : x\r\n\r\n");
      case 6:
        return ascii("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      default:
        return ascii("GET " + path + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
    }
  }

  private byte[] query(Random r) {
    String[] qs = {"a=%z", "%=1", "a=1%26b%3D2", "a=\u0000", "a=\u00ff", "include=" + "x,".repeat(200), "page=1&page=2",
        "a=" + "%41".repeat(500), "=", "&&&", "a[]=1&a[b]=2", "cursor=%00", "sort=;DROP", "fields=__proto__"};
    return latin1(qs[r.nextInt(qs.length)]);
  }

  private byte[] mutateRequest(Random r, String request) {
    int line = request.indexOf("\r\n");
    String head = request.substring(0, line);
    String rest = request.substring(line);
    String[] parts = head.split(" ");
    if (parts.length == 3) {
      String target = parts[1];
      switch (r.nextInt(4)) {
        case 0:
          target = target + (target.indexOf('?') < 0 ? "?" : "&") + new String(query(r), StandardCharsets.ISO_8859_1);
          break;
        case 1:
          target = new String(mutateTarget(r, target), StandardCharsets.ISO_8859_1);
          break;
        case 2:
          target = target.replaceAll("=[^&]*", "=" + pick(r, NUMBERS));
          break;
        default:
          target = target + "%z";
      }
      return latin1(parts[0] + " " + target + " " + parts[2] + rest);
    }
    return latin1(request);
  }

  private static String garbageLine(Random r) {
    StringBuilder b = new StringBuilder();
    // a visible first character: a line of only controls and white space is skipped by the
    // server (RFC 9112 section 2.2), which then rightly waits for a request
    b.append((char) ('!' + r.nextInt(94)));
    int n = r.nextInt(80);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(256);
      b.append(c == '\n' || c == '\r' ? ' ' : (char) c);
    }
    return b.toString();
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }

  private static String pick(Random r, List<String> options, String otherwise) {
    return options.isEmpty() ? otherwise : options.get(r.nextInt(options.size()));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(String a, byte[] b, String c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(latin1(a));
    out.writeBytes(b);
    out.writeBytes(latin1(c));
    return out.toByteArray();
  }
}
