package io.vivace.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic fuzzer of HTTP/1.1 servers over raw sockets: from a seed it builds hostile
 * requests (malformed request lines and versions, a missing {@code Host}, the HTTP/2 preface, NUL
 * bytes and invalid UTF-8 in the target and headers, path traversal, conflicting framing
 * headers, bad chunked bodies, deep JSON, giant numbers, upgrade requests, plus the app's own
 * cases) around the app's paths, sends each on its own connection and records what came back:
 * a status, or a close. Every read has a deadline: a request that gets neither a byte nor a
 * close within {@link #DEADLINE_MS} is a hang. Each generated request is complete (its framing
 * says where it ends), so a server that waits for more is at fault.
 */
public final class HttpFuzz {
  /** Milliseconds a request may take to get its status line or a close: {@value}. */
  public static final int DEADLINE_MS = 5_000;

  /** What a run saw. */
  public record Report(int requests, Map<Integer, Integer> statuses, int closed, List<String> serverErrors,
      List<String> hangs, long millis) {
    /** Responses with a status of 500 or more. */
    public int serverErrorCount() {
      int n = 0;
      for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
        n += e.getKey() >= 500 ? e.getValue() : 0;
      }
      return n;
    }

    @Override
    public String toString() {
      return requests + " requests in " + millis + " ms: statuses " + statuses + ", closed " + closed
          + ", 5xx " + serverErrorCount() + ", hangs " + hangs.size()
          + (serverErrors.isEmpty() ? "" : ", first 5xx: " + serverErrors.subList(0, Math.min(5, serverErrors.size())))
          + (hangs.isEmpty() ? "" : ", first hangs: " + hangs.subList(0, Math.min(5, hangs.size())));
    }
  }

  private final String host;
  private final int port;
  private final long seed;
  private final List<String> getPaths = new ArrayList<>();
  private final List<String> postPaths = new ArrayList<>();
  private final List<String> appRequests = new ArrayList<>();
  private String bodyHeaders = "";

  /** A fuzzer of the server on {@code host:port}, its choices drawn from {@code seed}. */
  public HttpFuzz(String host, int port, long seed) {
    this.host = host;
    this.port = port;
    this.seed = seed;
  }

  /** Paths (with or without a query) the app answers to GET: mutated and sent. */
  public HttpFuzz get(String... paths) {
    getPaths.addAll(List.of(paths));
    return this;
  }

  /** Paths the app takes JSON bodies at (POST): sent hostile bodies and framing. */
  public HttpFuzz post(String... paths) {
    postPaths.addAll(List.of(paths));
    return this;
  }

  /** A header line (without CRLF) added to the requests that carry a body, such as {@code Authorization: Bearer ...}. */
  public HttpFuzz bodyHeader(String line) {
    bodyHeaders += line + "\r\n";
    return this;
  }

  /** Whole requests of the app's own (cursors, includes...), sent as they are and mutated. */
  public HttpFuzz request(String... rawRequests) {
    appRequests.addAll(List.of(rawRequests));
    return this;
  }

  /** The {@code i}-th request of this fuzzer's sequence (for reproducing one case). */
  public byte[] request(int i) {
    return generate(new Random(seed * 1_000_003L + i));
  }

  /** Sends {@code count} requests on {@code threads} connections at a time. */
  public Report run(int count, int threads) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Object>> results = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        byte[] req = request(i);
        results.add(pool.submit(() -> send(req)));
      }
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> serverErrors = new ArrayList<>();
      List<String> hangs = new ArrayList<>();
      int closed = 0;
      for (int i = 0; i < count; i++) {
        Object r = results.get(i).get(DEADLINE_MS * 4L, TimeUnit.MILLISECONDS);
        if (r instanceof Integer) {
          int status = (Integer) r;
          statuses.merge(status, 1, Integer::sum);
          if (status >= 500) {
            serverErrors.add("#" + i + " " + status + " " + show(request(i)));
          }
        } else if (r == CLOSED) {
          closed++;
        } else {
          hangs.add("#" + i + " " + show(request(i)));
        }
      }
      return new Report(count, statuses, closed, serverErrors, hangs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static final Object CLOSED = "closed";
  private static final Object HANG = "hang";

  /** The status of the response, {@link #CLOSED} or {@link #HANG}. */
  private Object send(byte[] request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), DEADLINE_MS);
      s.setSoTimeout(DEADLINE_MS);
      s.setSoLinger(true, 0);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        return CLOSED; // the server closed while we wrote: a clean refusal
      }
      return statusLine(s.getInputStream());
    }
  }

  /** The first final status (1xx interim responses are skipped), or a close or a hang. */
  private static Object statusLine(InputStream in) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
    while (true) {
      Object status = line(in, end);
      if (status instanceof Integer && (Integer) status < 0) {
        return 999; // not a status line: counts as a server error
      }
      if (!(status instanceof Integer) || (Integer) status >= 200 || (Integer) status < 100) {
        return status;
      }
      Object header;
      do {
        header = line(in, end);
      } while (header instanceof Integer && (Integer) header != EMPTY_LINE);
      if (!(header instanceof Integer)) {
        return header;
      }
    }
  }

  private static final int EMPTY_LINE = -2;

  /** One line: a status for a status line, {@link #EMPTY_LINE}, another number for other text, or a close or a hang. */
  private static Object line(InputStream in, long end) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.write(c);
        if (System.nanoTime() > end) {
          return HANG; // trickling bytes is a hang too
        }
      }
    } catch (SocketTimeoutException e) {
      return HANG;
    } catch (IOException e) {
      return CLOSED; // reset
    }
    String l = line.toString(StandardCharsets.ISO_8859_1);
    if (l.isEmpty()) {
      return CLOSED;
    }
    if (l.equals("\r")) {
      return EMPTY_LINE;
    }
    if (!l.startsWith("HTTP/")) {
      return -3; // a header line
    }
    String[] parts = l.split(" ");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 999;
    } catch (NumberFormatException e) {
      return 999; // not an HTTP status line: counts as a server error
    }
  }

  private static String show(byte[] req) {
    String s = new String(req, 0, Math.min(req.length, 160), StandardCharsets.ISO_8859_1);
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : c < 0x20 || c >= 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }

  // ---- generation -------------------------------------------------------------------------

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

  private byte[] generate(Random r) {
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
