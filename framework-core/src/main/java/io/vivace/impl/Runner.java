package io.vivace.impl;

import io.vivace.config.ConfigException;
import io.vivace.config.Secrets;
import io.vivace.config.VivaceOptions;
import io.vivace.openapi.OpenApi;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code App.run()}: starts the app on the calling thread and turns a failed start into one line
 * on standard error and an exit status (0 after an OpenAPI export, 1 when it could not be written
 * or the start failed, 2 for invalid configuration, secrets in URLs masked); then, unless a host
 * owns the process ({@link Hosted}), stops the app on SIGTERM or SIGINT: not ready at once,
 * draining after {@code VIVACE_DRAIN_DELAY_MS}, in-flight requests given
 * {@code VIVACE_SHUTDOWN_TIMEOUT_MS}, then exit 0 (1 when the stop did not complete in time).
 */
final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(io.vivace.App.class);

  private Runner() {
  }

  /**
   * Runs {@code app}: returns once it is started, or exits the process.
   *
   * @param options the app's options once its start has read them
   * @param exportPath the OpenAPI export file the start was asked to write (null: none), once it has read it
   */
  static void run(AppImpl app, Supplier<VivaceOptions> options, Supplier<String> exportPath) {
    try {
      app.start().toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OpenApi.Exported) {
        Hosted.exit(0, null, cause);
      }
      if (cause instanceof java.io.IOException && exportPath.get() != null) {
        Hosted.exit(1, "vivace: could not write the OpenAPI document to " + exportPath.get() + ": " + cause, cause);
      }
      if (cause instanceof ConfigException) {
        Hosted.exit(2, "vivace: invalid configuration: " + Secrets.maskUrl(cause.getMessage()), cause);
      }
      VivaceOptions o = options.get();
      Hosted.exit(1, "vivace: failed to start on " + o.host() + ":" + o.port() + ": "
          + Secrets.maskUrl(cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Hosted.exit(1, null, e);
    }
    if (Hosted.on()) {
      return; // the host owns the process and its signals, and stops the app itself
    }
    VivaceOptions o = options.get();
    Signals.onTermination(() -> {
      LOG.info("Shutting down: not ready from now on; draining in {} ms, finishing in-flight requests (up to {} ms)",
          o.drainDelayMs(), o.shutdownTimeoutMs());
      try {
        app.stop().toCompletionStage().toCompletableFuture().get(o.drainDelayMs() + o.shutdownTimeoutMs() + 5_000,
            TimeUnit.MILLISECONDS);
        LOG.info("Stopped");
        System.exit(0);
      } catch (Exception e) {
        System.err.println("vivace: shutdown did not complete: " + e);
        System.exit(1);
      }
    });
  }
}
