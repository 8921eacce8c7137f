package io.vivace.loadtests.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The driver's HTTP client: JDK {@link HttpClient}, HTTP/1.1 keep-alive, a 10 s deadline per
 * request. A request that fails at the transport (reset, refused, timeout) comes back as status 0
 * with the exception's text as body, so callers count it instead of catching it.
 */
final class Http {
  /** One answer: the status (0 when none came) and the body (or the transport failure's text). */
  record Answer(int status, String body, String location) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
  }

  /** {@code method url} with a JSON body (null: none) and a bearer token (null: none). */
  Answer send(String method, String url, String json, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b, token);
  }

  private Answer send(HttpRequest.Builder b, String token) {
    b.timeout(TIMEOUT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers().firstValue("location").orElse(null));
    } catch (IOException e) {
      return new Answer(0, e.toString(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, e.toString(), null);
    }
  }

  /** The value of a string member {@code "name":"value"} of a flat JSON object, or null. */
  static String member(String json, String name) {
    String key = "\"" + name + "\":\"";
    int i = json.indexOf(key);
    if (i < 0) {
      return null;
    }
    int start = i + key.length();
    int end = json.indexOf('"', start);
    return end < 0 ? null : json.substring(start, end);
  }
}
