package io.vivace.observe.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lines written as bytes: escaping and UTF-8 as the JSON and CLF formats need; hand-over when full, by timer and at flush. */
class LineBufferTest {
  private static Vertx vertx;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code lines} with a new buffer into {@code kept} on an event loop, as the server does, then flushes. */
  private static void onLoop(Kept kept, Consumer<LineBuffer> lines) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        LineBuffer b = new LineBuffer(kept, vertx, null);
        lines.accept(b);
        b.end();
        b.flush();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }
  /** A sink that keeps what it is given. */
  private static final class Kept implements LineSink {
    final List<String> offers = new ArrayList<>();
    int lines;

    @Override
    public synchronized void offer(byte[] bytes, int length, int count) {
      offers.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
      lines += count;
    }

    @Override
    public byte[] buffer(int minBytes) {
      return new byte[minBytes];
    }

    @Override
    public long flushIntervalMillis() {
      return 20;
    }

    synchronized String all() {
      return String.join("", offers);
    }
  }

  @Test
  void escapesAndEncodesLikeTheJdk() throws Exception {
    Kept kept = new Kept();
    String tricky = "a\"b\\c\u0001\u007fé€😀";
    onLoop(kept, b -> {
      b.begin(LineBuffer.maxBytes(tricky) * 2 + 64);
      b.jsonString(tricky).ascii(' ').jsonString(null).ascii(' ').clfText(tricky).ascii(' ').number(0).ascii(' ')
          .number(1234567890123L).ascii(' ').threeDigits(7);
    });
    assertEquals("\"a\\\"b\\\\c\\u0001\\u007fé€😀\" null a\\\"b\\\\c\\x01\\x7fé€😀 0 1234567890123 007\n", kept.all());
    assertEquals(1, kept.lines);
  }

  @Test
  void anUnpairedSurrogateBecomesAQuestionMarkAsTheJdkEncoderDoes() throws Exception {
    Kept kept = new Kept();
    String lone = "x\ud800y";
    onLoop(kept, b -> {
      b.begin(64);
      b.clfText(lone);
    });
    assertEquals(new String(lone.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "\n", kept.all());
  }

  @Test
  void aFullBufferIsHandedOverBeforeTheLineThatWouldNotFitAndTheTimerSendsTheRest() throws Exception {
    Kept kept = new Kept();
    {
      String line = "x".repeat(1000);
      CompletableFuture<Void> wrote = new CompletableFuture<>();
      vertx.runOnContext(v -> { // the buffer is confined to an event loop, as in the server
        LineBuffer b = new LineBuffer(kept, vertx, null);
        for (int i = 0; i < 20; i++) { // 20 x 1001 bytes: more than one 16 KiB buffer
          b.begin(1001);
          b.ascii(line);
          b.end();
        }
        wrote.complete(null);
      });
      wrote.get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (kept.lines < 20 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(20, kept.lines, "the timer handed over the rest");
      assertEquals(2, kept.offers.size(), "one full buffer, then the rest: " + kept.offers.size());
      assertEquals(16, kept.offers.get(0).length() / 1001, "as many whole lines as fit in 16 KiB");
      assertTrue(kept.all().equals((line + "\n").repeat(20)));
    }
  }

  @Test
  void withoutASinkEachLineIsLoggedAsItIs() {
    ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> list =
        new ch.qos.logback.core.read.ListAppender<>();
    list.setContext(ctx);
    list.start();
    ch.qos.logback.classic.Logger logger = ctx.getLogger("an.app.access.log");
    logger.addAppender(list);
    LineBuffer b = new LineBuffer(null, null, logger); // no timer without a sink
    for (String path : List.of("/first", "/é")) {
      b.begin(LineBuffer.maxBytes(path) + 2);
      b.ascii('[').clfText(path).ascii(']');
      b.end();
    }
    assertEquals(List.of("[/first]", "[/é]"), list.list.stream().map(e -> e.getFormattedMessage()).toList());
    ctx.stop();
  }

  @Test
  void aLineLongerThanABufferGetsOneOfItsOwn() throws Exception {
    Kept kept = new Kept();
    String path = "/" + "p".repeat(40_000);
    onLoop(kept, b -> {
      b.begin(LineBuffer.maxBytes(path) + 16);
      b.clfText(path);
    });
    assertEquals(path + "\n", kept.all());
  }
}
