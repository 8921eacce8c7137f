package io.vivace.tls.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import io.vivace.tls.TlsOptions;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the TLS files: {@link TlsOptions#reloadIntervalMs()} after the previous check, a timer
 * asks a worker thread to read them again; when their content changed and the pair is valid,
 * every server of the app gets the new SSL options ({@code HttpServer.updateSSLOptions}), which new
 * connections use. A pair that fails the checks (a half-written replacement) is logged once and
 * tried again at the next tick; the old certificate stays. Nothing runs on an event loop but the
 * timer's tick and the update call.
 */
public final class TlsReloader {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final Vertx vertx;
  private final TlsOptions options;
  private final Supplier<List<HttpServer>> servers;
  private volatile TlsFiles current;
  private volatile String lastFailure;
  private volatile TlsFiles rejected;
  private volatile boolean stopped;
  private volatile long timer = -1;

  /**
   * @param current the files the servers started with
   * @param servers the servers to update (read at each reload)
   */
  public TlsReloader(Vertx vertx, TlsOptions options, TlsFiles current, Supplier<List<HttpServer>> servers) {
    this.vertx = vertx;
    this.options = options;
    this.current = current;
    this.servers = servers;
  }

  /** Starts the checks (nothing when the interval is 0). */
  public void start() {
    if (options.reloadIntervalMs() > 0) {
      schedule();
    }
  }

  /** One check at a time: the next is scheduled when this one is done. */
  private void schedule() {
    timer = vertx.setTimer(options.reloadIntervalMs(), id -> vertx.executeBlocking(this::check, false)
        .onComplete(r -> {
          if (r.succeeded() && r.result() != null) {
            update(r.result());
          }
          if (!stopped) {
            schedule();
          }
        }));
  }

  /** Stops the checks. */
  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /**
   * On a worker: the new SSL options when the files changed and are valid, else null. Unchanged
   * bytes (the usual case) cost two small reads and a comparison; the checks run only on new bytes.
   */
  private ServerSSLOptions check() {
    TlsFiles read;
    try {
      TlsFiles raw = TlsFiles.raw(options);
      if (raw.sameAs(current) || (rejected != null && raw.sameAs(rejected))) {
        return null;
      }
      rejected = raw;
      read = TlsFiles.checked(options, raw);
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
        lastFailure = e.getMessage();
        LOG.warn("TLS files not reloaded, the current certificate stays: {}", e.getMessage());
      }
      return null;
    }
    lastFailure = null;
    rejected = null;
    current = read;
    return read.sslOptions();
  }

  private void update(ServerSSLOptions ssl) {
    for (HttpServer server : servers.get()) {
      server.updateSSLOptions(ssl, true).onFailure(e -> LOG.warn("TLS certificate not updated on a server", e));
    }
    LOG.info("TLS certificate reloaded from {}", options.certPath());
  }
}
