package io.vivace.testing;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Vivace app on a free loopback port with a real HTTP client, for tests in any module
 * (shared through the framework-core test-jar). Close it to stop the app.
 */
public final class TestServer implements AutoCloseable {
  private final App app;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private TestServer(App app) {
    this.app = app;
  }

  /** Options for tests: loopback, port 0, two event loops. */
  public static VivaceOptions options() {
    return new VivaceOptions().host("127.0.0.1").port(0).eventLoops(2);
  }

  /** Starts an app with test options on which {@code routes} declared its routes. */
  public static TestServer start(Consumer<App> routes) {
    return start(options(), routes);
  }

  /** Starts an app with {@code options} on which {@code routes} declared its routes. */
  public static TestServer start(VivaceOptions options, Consumer<App> routes) {
    App app = Vivace.app(options);
    routes.accept(app);
    return started(app);
  }

  /** Starts an app that is already declared. */
  public static TestServer started(App app) {
    try {
      app.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("app did not start", e);
    }
    return new TestServer(app);
  }

  public App app() {
    return app;
  }

  public int port() {
    return app.port();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** GET {@code path}. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** {@code method} {@code path} with a body and a content type (null for none). */
  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  /** POST a JSON body. */
  public HttpResponse<String> postJson(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  /** Sends a request built by the caller. */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A raw HTTP/1.1 connection to this server. */
  public RawHttp raw() throws IOException {
    return new RawHttp("127.0.0.1", port());
  }

  @Override
  public void close() {
    try {
      app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("app did not stop", e);
    }
  }
}
