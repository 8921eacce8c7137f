package io.vivace.loadtests.files;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import io.vivace.files.StaticFiles;
import java.nio.file.Path;

/**
 * One folder served two ways, for {@code loadtests/static-compare}: Vivace's {@code app.files} on
 * {@code PORT} and Vert.x Web's own {@code StaticHandler} (caching on, as in production) on
 * {@code OTHER_PORT}, each under {@code /static}, each with {@code EVENT_LOOPS} event loops.
 *
 * <pre>java -cp loadtests/jmh/target/benchmarks.jar io.vivace.loadtests.files.StaticFilesServer FOLDER</pre>
 */
public final class StaticFilesServer {
  private StaticFilesServer() {
  }

  public static void main(String[] args) {
    Path folder = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "18610"));
    int otherPort = Integer.parseInt(System.getenv().getOrDefault("OTHER_PORT", "18611"));
    int loops = Integer.parseInt(System.getenv().getOrDefault("EVENT_LOOPS", "1"));
    App app = Vivace.app(VivaceOptions.fromEnvironment().port(port).eventLoops(loops));
    app.files("/static", StaticFiles.folder(folder).maxAge(java.time.Duration.ofHours(1)));
    app.start().toCompletionStage().toCompletableFuture().join();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    for (int i = 0; i < loops; i++) {
      Router router = Router.router(vertx);
      router.route("/static/*").handler(StaticHandler.create(FileSystemAccess.ROOT, folder.toString())
          .setCachingEnabled(true).setMaxAgeSeconds(3600).setFilesReadOnly(true));
      vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")).requestHandler(router).listen(otherPort)
          .toCompletionStage().toCompletableFuture().join();
    }
    System.out.println("static-files: Vivace on " + port + ", Vert.x StaticHandler on " + otherPort + ", folder " + folder);
  }
}
