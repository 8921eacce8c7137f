package io.vivace.db.notify.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import io.vivace.db.impl.DatabaseImpl;
import io.vivace.db.notify.Notifications;
import io.vivace.db.notify.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one listening connection (Vert.x {@link PgSubscriber}, which sends {@code LISTEN} again
 * for its channels after a reconnect) and the subscribers of each channel.
 */
public final class NotificationsImpl implements Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  static final long FIRST_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 5_000;

  private final Database db;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private volatile PgSubscriber subscriber;
  private volatile Vertx vertx;
  private volatile boolean stopped;

  private NotificationsImpl(Database db) {
    this.db = db;
  }

  /** Connects the listener when {@code app} starts (after {@code db}: its start hook was added first) and closes it on stop. */
  public static NotificationsImpl attach(App app, Database db) {
    NotificationsImpl n = new NotificationsImpl(db);
    app.onStart(n::start);
    app.onStop(v -> n.stop());
    return n;
  }

  private Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    PgSubscriber s = PgSubscriber.subscriber(vertx, ((DatabaseImpl) db).connectOptions())
        .reconnectPolicy(NotificationsImpl::backoff);
    s.closeHandler(v -> {
      if (!stopped) {
        LOG.warn("LISTEN connection lost and not reconnected");
      }
    });
    subscriber = s;
    return s.connect().onFailure(e -> LOG.warn("LISTEN connection failed: {}", e.getMessage()));
  }

  /** Delay before reconnect attempt {@code retries} (0, 1, ...): 100 ms doubling, at most 5 s; never gives up. */
  static long backoff(int retries) {
    return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retries, 16));
  }

  private Future<Void> stop() {
    stopped = true;
    PgSubscriber s = subscriber;
    return s == null ? Future.succeededFuture() : s.close();
  }

  @Override
  public Future<Subscription> listen(String channel, Consumer<String> handler) {
    checkChannel(channel);
    java.util.Objects.requireNonNull(handler, "handler");
    PgSubscriber s = subscriber;
    if (s == null) {
      throw new IllegalStateException("notifications are available once the app has started");
    }
    Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
    Sub sub = new Sub(context, handler);
    Channel ch = channels.computeIfAbsent(channel, c -> {
      Channel made = new Channel();
      // LISTEN now (or once connected), and again after each reconnect
      s.channel(c).subscribeHandler(v -> made.listening.tryComplete()).handler(payload -> fanOut(made, payload));
      return made;
    });
    ch.subs.add(sub);
    Subscription subscription = () -> ch.subs.remove(sub);
    return ch.listening.future().map(subscription);
  }

  private static void fanOut(Channel channel, String payload) {
    for (Sub sub : channel.subs) {
      sub.context.runOnContext(v -> sub.deliver(payload));
    }
  }

  @Override
  public Future<Void> notify(String channel, String payload) {
    return notify(db, channel, payload);
  }

  @Override
  public Future<Void> notify(Sql tx, String channel, String payload) {
    try {
      checkChannel(channel);
      checkPayload(channel, payload);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return tx.execute("SELECT pg_notify($1, $2)", Tuple.of(channel, payload)).mapEmpty();
  }

  @Override
  public boolean connected() {
    PgSubscriber s = subscriber;
    return s != null && !s.closed() && s.actualConnection() != null;
  }

  static void checkPayload(String channel, String payload) {
    java.util.Objects.requireNonNull(payload, "payload");
    if (payload.length() * 3L <= MAX_PAYLOAD_BYTES) {
      return; // at most 3 bytes of UTF-8 per char: fits without encoding
    }
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("the payload for channel " + channel + " is " + bytes
          + " bytes; PostgreSQL's NOTIFY takes at most " + MAX_PAYLOAD_BYTES + " (send an id and read the row instead)");
    }
  }

  static void checkChannel(String channel) {
    if (channel == null || channel.isEmpty() || channel.length() > 63 || Character.isDigit(channel.charAt(0))) {
      throw new IllegalArgumentException("a channel is 1 to 63 of a-z 0-9 _, not starting with a digit: " + channel);
    }
    for (int i = 0; i < channel.length(); i++) {
      char c = channel.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        throw new IllegalArgumentException("a channel is 1 to 63 of a-z 0-9 _, not starting with a digit: " + channel);
      }
    }
  }

  /** A channel's subscribers, and whether its first LISTEN was acknowledged. */
  private static final class Channel {
    final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();
    final io.vertx.core.Promise<Void> listening = io.vertx.core.Promise.promise();
  }

  /** A subscriber: its handler and the context it runs on. */
  private static final class Sub {
    final Context context;
    final Consumer<String> handler;

    Sub(Context context, Consumer<String> handler) {
      this.context = context;
      this.handler = handler;
    }

    void deliver(String payload) {
      try {
        handler.accept(payload);
      } catch (RuntimeException e) {
        LOG.warn("a notification subscriber failed", e);
      }
    }
  }
}
