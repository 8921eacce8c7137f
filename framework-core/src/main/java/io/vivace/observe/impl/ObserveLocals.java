package io.vivace.observe.impl;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.AccessMode;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vivace.observe.Tracer;
import java.util.function.Supplier;

/**
 * The Vert.x context-local slots of the server-level stages. Vert.x gives each HTTP request its own
 * duplicated context, and every callback of that request (a future completing later, a timer) runs
 * on it, so what is stored there follows the request and never leaks into another one (unlike a
 * thread-local). The slots are registered when Vert.x loads this class as a service provider,
 * before it creates its first instance (a slot registered later would not exist in its contexts).
 *
 * <p>A request's slots are written on its event loop before its handlers run, and read on that
 * loop or on threads its callbacks reach through Vert.x (which orders the hand-over), so plain
 * array access suffices ({@link #PLAIN}).
 */
public final class ObserveLocals implements VertxServiceProvider {
  /** The request id of the request a duplicated context serves (an {@code AsciiString} or a {@code String}). */
  public static final ContextLocal<CharSequence> REQUEST_ID = ContextLocal.registerLocal(CharSequence.class);
  /** The access-log record of the request a duplicated context serves, when the access log is on. */
  public static final ContextLocal<AccessRecord> ACCESS = ContextLocal.registerLocal(AccessRecord.class);
  /** The trace span of the request a duplicated context serves, when tracing is on. */
  public static final ContextLocal<Tracer.RequestSpan> SPAN = ContextLocal.registerLocal(Tracer.RequestSpan.class);
  /** The server-level stages of an event loop, on its (not duplicated) context. */
  public static final ContextLocal<ObserveStages> STAGES = ContextLocal.registerLocal(ObserveStages.class);

  /** Plain reads and writes of a context's slot (see the class comment). */
  static final AccessMode PLAIN = new AccessMode() {
    @Override
    public Object get(Object[] locals, int idx) {
      return locals[idx];
    }

    @Override
    public void put(Object[] locals, int idx, Object value) {
      locals[idx] = value;
    }

    @Override
    public Object getOrCreate(Object[] locals, int idx, Supplier<Object> initialValueSupplier) {
      Object v = locals[idx];
      if (v == null) {
        v = initialValueSupplier.get();
        locals[idx] = v;
      }
      return v;
    }
  };

  /** For {@link java.util.ServiceLoader}. */
  public ObserveLocals() {
  }

  @Override
  public void init(VertxBootstrap bootstrap) {
    // nothing: loading this class registered the slots
  }

  /** The context of {@code req}: its duplicated context on a Vert.x server, else the caller's. */
  static ContextInternal contextOf(HttpServerRequest req) {
    if (req instanceof HttpServerRequestInternal) {
      return ((HttpServerRequestInternal) req).context();
    }
    return ContextInternal.current();
  }

  /** The request id stored on {@code ctx}, or null. */
  static CharSequence requestId(Context ctx) {
    return ctx == null ? null : ((ContextInternal) ctx).getLocal(REQUEST_ID, PLAIN);
  }

  /** The request id of the request served on the calling thread's Vert.x context, or null. */
  public static String currentRequestId() {
    CharSequence id = requestId(ContextInternal.current());
    return id == null ? null : id.toString();
  }

  /** The trace span of the request served on the calling thread's Vert.x context, or null. */
  public static Tracer.RequestSpan currentSpan() {
    ContextInternal ctx = ContextInternal.current();
    return ctx == null ? null : ctx.getLocal(SPAN, PLAIN);
  }

  /** The request id of {@code req}, or null when request ids are off. */
  public static String requestId(HttpServerRequest req) {
    CharSequence id = requestId(contextOf(req));
    return id == null ? null : id.toString();
  }

  /** The client address of {@code req} through the trusted proxies of the event loop serving it. */
  public static String clientAddress(HttpServerRequest req) {
    ContextInternal ctx = contextOf(req);
    ObserveStages stages = ctx == null ? null : ctx.unwrap().getLocal(STAGES, PLAIN);
    return stages != null ? stages.clientAddress(req) : ProxiedClients.peer(req);
  }
}
