package io.vivace.server.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the RFC 9112 checks of {@link StrictRequestDecoder} cost per request head, against Vert.x's
 * own decoder that it replaces: one request decoded per operation through a Netty
 * {@code EmbeddedChannel} (decoder, then a handler that releases what it is given). {@code wrk} is
 * the head wrk sends (request line and {@code Host}); {@code browser} is a head of 9 headers as a
 * browser sends it. Average time per operation (ns/op). Lives in the decoder's package because the
 * decoder is internal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestDecoderBenchmark {
  private static final String WRK = "GET /json HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
  private static final String BROWSER = "GET /api/v1/posts?page=2&per_page=20 HTTP/1.1\r\n"
      + "Host: api.example.com\r\n"
      + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0\r\n"
      + "Accept: application/json\r\n"
      + "Accept-Language: en-US,en;q=0.9\r\n"
      + "Accept-Encoding: gzip, deflate, br\r\n"
      + "Origin: https://app.example.com\r\n"
      + "Referer: https://app.example.com/posts\r\n"
      + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl\r\n"
      + "Connection: keep-alive\r\n\r\n";

  @Param({"vertx", "strict"})
  public String decoder;

  @Param({"wrk", "browser"})
  public String head;

  private EmbeddedChannel channel;
  private ByteBuf request;
  private Sink sink;

  /** Releases every message; counts the requests so the benchmark can check it decoded them. */
  static final class Sink extends ChannelInboundHandlerAdapter {
    long requests;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        if (!((HttpRequest) msg).decoderResult().isSuccess()) {
          throw new IllegalStateException("rejected: " + ((HttpRequest) msg).decoderResult());
        }
        requests++;
      }
      ReferenceCountUtil.release(msg);
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    HttpServerOptions options = new HttpServerOptions();
    sink = new Sink();
    channel = new EmbeddedChannel("strict".equals(decoder) ? new StrictRequestDecoder(options)
        : new VertxHttpRequestDecoder(options), sink);
    request = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
        ("wrk".equals(head) ? WRK : BROWSER).getBytes(StandardCharsets.US_ASCII)));
  }

  @TearDown(Level.Trial)
  public void check() {
    if (sink.requests == 0) {
      throw new IllegalStateException("no request was decoded");
    }
    channel.finishAndReleaseAll();
  }

  @Benchmark
  public long decode() {
    channel.writeInbound(request.duplicate());
    return sink.requests;
  }
}
