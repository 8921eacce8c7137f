package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.db.Database;
import io.vivace.db.notify.Notifications;
import io.vivace.db.notify.Subscription;
import io.vivace.json.Json;
import io.vivace.response.Streamed;
import io.vivace.sse.EventStreams;
import io.vivace.sse.SseEmitter;
import io.vivace.sse.SseEvent;
import io.vivace.websocket.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A post's new comments, live: {@code GET /posts/:id/comments/live} as Server-Sent Events (event
 * {@code comment}, id the comment's id, data its JSON) and {@code /posts/:id/comments/ws} as a
 * WebSocket (one text message of JSON per comment). Each starts, once listening, with
 * {@code {"subscribed":<postId>}} (the event {@code subscribed}; the first WebSocket message):
 * a comment created after it is never missed. Each subscriber listens on the notification
 * channel of {@link Comments}; PostgreSQL sends every instance each new comment, so a comment
 * posted through one instance reaches subscribers of all. An event stream reconnecting with
 * {@code Last-Event-ID} first gets the comments it missed, then the live ones, none twice.
 */
final class LiveComments {
  private final Database db;
  private final Notifications notifications;
  private final EventStreams sse;

  LiveComments(Database db, Notifications notifications, EventStreams sse) {
    this.db = db;
    this.notifications = notifications;
    this.sse = sse;
  }

  /** {@code GET /posts/:id/comments/live}: 404 for an unknown post, else the stream. */
  Future<Streamed> stream(long postId, Optional<String> lastEventId) {
    long after = lastEventId.map(LiveComments::idOrZero).orElse(0L);
    return db.optional("SELECT 1 FROM posts WHERE id = $1", Tuple.of(postId), r -> 1).map(exists -> {
      if (exists.isEmpty()) {
        return null; // 404
      }
      return sse.stream(lastEventId.orElse(null), out -> follow(postId, after, out));
    });
  }

  // tag::sse-follow[]
  private void follow(long postId, long after, SseEmitter out) {
    Replay replay = new Replay(after, json -> out.send(event(json)));
    subscribe(postId, replay::live).onSuccess(s -> {
      out.onClose(s::cancel); // the client went away: stop listening for it
      out.send(SseEvent.text(subscribed(postId)).event("subscribed")); // from now on no comment is missed
      if (after <= 0) {
        replay.done();
        return;
      }
      db.list("SELECT " + Comments.COLUMNS + " FROM comments WHERE post_id = $1 AND id > $2 ORDER BY id",
          Tuple.of(postId, after), Comment::from).onComplete(missed -> {
            if (missed.succeeded()) {
              missed.result().forEach(c -> replay.missed(c.id(), new String(Json.toBytes(c), StandardCharsets.UTF_8)));
            }
            replay.done();
          });
    }).onFailure(e -> out.close());
  }
  // end::sse-follow[]

  /** {@code /posts/:id/comments/ws}: one text message per new comment. */
  // tag::ws-socket[]
  void socket(long postId, WebSocketSession ws) {
    subscribe(postId, (id, json) -> ws.sendText(json)).onSuccess(s -> {
      ws.onClose(code -> s.cancel());
      if (!ws.isOpen()) {
        s.cancel();
      }
      ws.sendText(subscribed(postId)); // from now on no comment is missed
    }).onFailure(e -> ws.close(WebSocketSession.INTERNAL_ERROR, "no live comments now"));
  }
  // end::ws-socket[]

  /** Calls {@code handler(commentId, json)} for each new comment of {@code postId}, on this event loop. */
  private Future<Subscription> subscribe(long postId, CommentHandler handler) {
    String prefix = postId + ":";
    return notifications.listen(Comments.CHANNEL, payload -> {
      if (payload.startsWith(prefix)) {
        String json = payload.substring(prefix.length());
        handler.comment(commentId(json), json);
      }
    });
  }

  /** The first message, once listening: {@code {"subscribed":<postId>}}. */
  static String subscribed(long postId) {
    return "{\"subscribed\":" + postId + "}";
  }

  static SseEvent event(String json) {
    return SseEvent.text(json).event("comment").id(String.valueOf(commentId(json)));
  }

  /** The {@code id} of a comment's JSON, which starts with it ({@code {"id":12,...}}). */
  static long commentId(String json) {
    int start = json.indexOf(':') + 1;
    int end = json.indexOf(',', start);
    return Long.parseLong(json.substring(start, end).trim());
  }

  private static long idOrZero(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      return 0; // not one of ours: no replay
    }
  }

  @FunctionalInterface
  private interface CommentHandler {
    void comment(long id, String json);
  }

  /**
   * Orders the missed comments before the live ones and sends none twice: live comments that
   * arrive while the missed ones are read wait, then go if newer than the last sent. One event loop.
   */
  private static final class Replay {
    private final Consumer<String> send;
    private long lastSent;
    private List<String> waiting = new ArrayList<>();

    Replay(long after, Consumer<String> send) {
      this.lastSent = after;
      this.send = send;
    }

    void live(long id, String json) {
      if (waiting != null) {
        waiting.add(json);
      } else if (id > lastSent) {
        lastSent = id;
        send.accept(json);
      }
    }

    void missed(long id, String json) {
      if (id > lastSent) {
        lastSent = id;
        send.accept(json);
      }
    }

    void done() {
      List<String> held = waiting;
      waiting = null;
      held.forEach(json -> live(commentId(json), json));
    }
  }
}
