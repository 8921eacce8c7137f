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
    return new HostileRequests(getPaths, postPaths, appRequests, bodyHeaders).generate(new Random(seed * 1_000_003L + i));
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
}
