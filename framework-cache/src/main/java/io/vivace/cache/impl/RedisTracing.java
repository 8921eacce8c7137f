package io.vivace.cache.impl;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.vivace.observe.Traces;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Lettuce's tracing SPI ({@link Tracing}, set on the client's resources) over Vivace's
 * {@link io.vivace.observe.Tracer}: a client span per Redis command sent while a request is served,
 * under that request's span. Lettuce asks for the trace context on the thread that sends the
 * command ({@link #initialTraceContextProvider()}: the request's event loop, whose Vert.x context
 * holds the span, {@link Traces#current()}) and begins and names the span on its own I/O thread;
 * the span ends when the command completes (Lettuce leaves that to the span). The span carries the command's name ({@code GET}), the database index and the server,
 * never keys or arguments ({@link #includeCommandArgsInSpanTags()} is false). A command sent outside
 * a request, or under a request the sampler dropped, gets no span. Only in place when tracing is on
 * (the client's resources are built without it otherwise). Thread-safe.
 */
final class RedisTracing implements Tracing {
  private final io.vivace.observe.Tracer tracer;
  private final int database;
  private final Tracer lettuceTracer = new CommandTracer();

  RedisTracing(io.vivace.observe.Tracer tracer, int database) {
    this.tracer = tracer;
    this.database = database;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return () -> lettuceTracer;
  }

  @Override
  public TraceContextProvider initialTraceContextProvider() {
    return RedisTracing::currentContext;
  }

  private static TraceContext currentContext() {
    io.vivace.observe.Tracer.RequestSpan span = Traces.current();
    return span == null || !span.recording() ? TraceContext.EMPTY : new Parent(span);
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public boolean includeCommandArgsInSpanTags() {
    return false;
  }

  @Override
  public Endpoint createEndpoint(SocketAddress socketAddress) {
    if (socketAddress instanceof InetSocketAddress) {
      InetSocketAddress a = (InetSocketAddress) socketAddress;
      return new Server(a.getHostString(), a.getPort());
    }
    return new Server(null, 0);
  }

  /** The request span a command was sent under. */
  private record Parent(io.vivace.observe.Tracer.RequestSpan span) implements TraceContext {
  }

  /** The server a command goes to. */
  private record Server(String host, int port) implements Endpoint {
  }

  private final class CommandTracer extends Tracer {
    @Override
    public Span nextSpan() {
      return NoSpan.INSTANCE;
    }

    @Override
    public Span nextSpan(TraceContext context) {
      return context instanceof Parent ? new CommandSpan(((Parent) context).span) : NoSpan.INSTANCE;
    }
  }

  /** One command's span: named and pointed at its server by Lettuce, then started and finished. */
  private final class CommandSpan extends Tracer.Span {
    private final io.vivace.observe.Tracer.RequestSpan parent;
    private String name;
    private Server server;
    private Throwable failure;
    private volatile io.vivace.observe.Tracer.ClientSpan span;

    CommandSpan(io.vivace.observe.Tracer.RequestSpan parent) {
      this.parent = parent;
    }

    @Override
    public Tracer.Span start(RedisCommand<?, ?, ?> command) {
      String command0 = name != null ? name : command.getType().toString();
      span = tracer.redis(parent, command0, database, server == null ? null : server.host(),
          server == null ? 0 : server.port());
      if (span != null && command instanceof CompleteableCommand) { // Lettuce leaves finishing to the span
        ((CompleteableCommand<?>) command).onComplete((value, failure) -> completed(command, failure));
      }
      return this;
    }

    /** The command's answer arrived (an error reply, a failure or a cancellation included). */
    private void completed(RedisCommand<?, ?, ?> command, Throwable thrown) {
      io.vivace.observe.Tracer.ClientSpan s = span;
      if (s == null) {
        return;
      }
      span = null;
      Throwable failure = thrown != null ? thrown : this.failure;
      String error = command.getOutput() == null ? null : command.getOutput().getError();
      if (failure == null && error != null) {
        failure = new RedisCommandExecutionException(error);
      }
      s.end(failure, error == null ? null : prefix(error));
    }

    @Override
    public Tracer.Span name(String name) {
      this.name = name;
      return this;
    }

    @Override
    public Tracer.Span annotate(String value) {
      return this;
    }

    @Override
    public Tracer.Span tag(String key, String value) {
      return this; // Lettuce's tags may carry arguments: none are recorded
    }

    @Override
    public Tracer.Span error(Throwable throwable) {
      failure = throwable;
      return this;
    }

    @Override
    public Tracer.Span remoteEndpoint(Endpoint endpoint) {
      if (endpoint instanceof Server) {
        server = (Server) endpoint;
      }
      return this;
    }

    @Override
    public void finish() {
      io.vivace.observe.Tracer.ClientSpan s = span;
      if (s != null) {
        span = null;
        s.end(failure, null);
      }
    }
  }

  /** An error reply's prefix ({@code WRONGTYPE}, {@code ERR}): Redis's status code. */
  static String prefix(String error) {
    int space = error.indexOf(' ');
    return space < 0 ? error : error.substring(0, space);
  }

  /** The span of a command sent outside any recorded request: does nothing. */
  private static final class NoSpan extends Tracer.Span {
    static final NoSpan INSTANCE = new NoSpan();

    @Override
    public Tracer.Span start(RedisCommand<?, ?, ?> command) {
      return this;
    }

    @Override
    public Tracer.Span name(String name) {
      return this;
    }

    @Override
    public Tracer.Span annotate(String value) {
      return this;
    }

    @Override
    public Tracer.Span tag(String key, String value) {
      return this;
    }

    @Override
    public Tracer.Span error(Throwable throwable) {
      return this;
    }

    @Override
    public Tracer.Span remoteEndpoint(Endpoint endpoint) {
      return this;
    }

    @Override
    public void finish() {
    }
  }
}
