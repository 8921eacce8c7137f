package io.vivace.response;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vivace.response.impl.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A response a handler returns when the status or headers matter: {@code Response.created(user)},
 * {@code Response.status(202).header("Location", url)}, {@code Response.noContent()}.
 *
 * <p>The body is written like a plain handler result: a {@link Buffer} as is (application/octet-stream
 * unless a content type is given), a {@code String} as text/plain, anything else as JSON. Immutable and thread-safe: a constant
 * such as {@code static final Response HELLO = Response.text("Hello, World!")} encodes its body once
 * and can answer every request (headers are still written per response).
 */
public final class Response {
  private static final CharSequence[] NO_HEADERS = new CharSequence[0];

  private final int status;
  private final Object body;
  private final CharSequence contentType;
  private final CharSequence[] headers; // name, value, name, value...
  private final CharSequence contentLength; // pre-encoded for a Buffer body, else null

  private Response(int status, Object body, CharSequence contentType, CharSequence[] headers) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100..599, got " + status);
    }
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    this.headers = headers;
    this.contentLength = body instanceof Buffer
        ? HttpHeaders.createOptimized(Integer.toString(((Buffer) body).length())) : null;
  }

  /** 200 with {@code body}. */
  public static Response ok(Object body) {
    return new Response(200, body, null, NO_HEADERS);
  }

  /** 201 Created with {@code body}. */
  public static Response created(Object body) {
    return new Response(201, body, null, NO_HEADERS);
  }

  /** 201 Created with a {@code Location} header and {@code body}. */
  public static Response created(String location, Object body) {
    return created(body).header("Location", location);
  }

  /** 204 No Content. */
  public static Response noContent() {
    return new Response(204, null, null, NO_HEADERS);
  }

  /** {@code status} with no body; add one with {@link #body}. */
  public static Response status(int status) {
    return new Response(status, null, null, NO_HEADERS);
  }

  /** 200 text/plain (UTF-8) with the text encoded once, now. */
  public static Response text(String text) {
    return new Response(200, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), Bodies.TEXT_PLAIN, NO_HEADERS);
  }

  /** 200 with {@code bytes} as is and the given content type. */
  public static Response bytes(Buffer bytes, String contentType) {
    return new Response(200, Objects.requireNonNull(bytes, "bytes"),
        HttpHeaders.createOptimized(Objects.requireNonNull(contentType, "contentType")), NO_HEADERS);
  }

  /** 200 with {@code bytes} as is and a pre-encoded content type ({@code HttpHeaders.createOptimized}). */
  public static Response bytes(Buffer bytes, CharSequence contentType) {
    return new Response(200, Objects.requireNonNull(bytes, "bytes"), Objects.requireNonNull(contentType, "contentType"),
        NO_HEADERS);
  }

  /**
   * A handler result as a response whose body is encoded now, by the render rules of every route
   * (docs/routing.md, "What a handler returns"): a {@code Response} keeps its status and headers,
   * a {@code String} is 200 text/plain, a {@link Buffer} 200 application/octet-stream, an
   * {@code Optional} its value, any other value 200 application/json; the body becomes a
   * {@link Buffer} and the content type is set. Used where the bytes are needed before writing
   * ({@code ETags}, response caches).
   *
   * @return null for {@code null} or an empty {@code Optional} (a 404 when written)
   * @throws IllegalArgumentException for a {@code Future}, {@code CompletionStage} or
   *     {@code Streamed} (await it first; a stream has no bytes up front), or a value without a
   *     JSON converter
   */
  public static Response encoded(Object result) {
    if (result instanceof java.util.Optional) {
      result = ((java.util.Optional<?>) result).orElse(null);
    }
    if (result == null) {
      return null;
    }
    if (result instanceof io.vertx.core.Future || result instanceof java.util.concurrent.CompletionStage
        || result instanceof Streamed) {
      throw new IllegalArgumentException("a " + result.getClass().getName() + " has no bytes yet: await it first");
    }
    Response r = result instanceof Response ? (Response) result : ok(result);
    Object body = r.body;
    if (body == null || (body instanceof Buffer && r.contentType != null)) {
      return r;
    }
    return new Response(r.status, Bodies.encode(body), r.contentType != null ? r.contentType : Bodies.typeOf(body), r.headers);
  }

  /** This response with another body (same status and headers). */
  public Response body(Object body) {
    return new Response(status, body, contentType, headers);
  }

  /** This response with the given content type (pre-encoded, {@code HttpHeaders.createOptimized}). */
  public Response withContentType(CharSequence contentType) {
    return new Response(status, body, Objects.requireNonNull(contentType, "contentType"), headers);
  }

  /** This response with another status. */
  public Response withStatus(int status) {
    return new Response(status, body, contentType, headers);
  }

  /** This response with the header added (headers may repeat, e.g. {@code Set-Cookie}). */
  public Response header(String name, String value) {
    return header((CharSequence) name, (CharSequence) value);
  }

  /**
   * This response with the header added, name and value as given: pass constants made once with
   * {@code HttpHeaders.createOptimized} (such as {@code io.vivace.httpcache.CacheControl} values)
   * so no header text is built per response.
   */
  public Response header(CharSequence name, CharSequence value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    CharSequence[] h = Arrays.copyOf(headers, headers.length + 2);
    h[headers.length] = name;
    h[headers.length + 1] = value;
    return new Response(status, body, contentType, h);
  }

  public int statusCode() {
    return status;
  }

  /** The body: null, a {@link Buffer}, a {@code String}, or a value to write as JSON. */
  public Object body() {
    return body;
  }

  /** The content type set with the body, or null to derive it from the body. */
  public CharSequence contentType() {
    return contentType;
  }

  /** The pre-encoded {@code Content-Length} of a {@link Buffer} body, else null. */
  public CharSequence contentLength() {
    return contentLength;
  }

  /** Header count. */
  public int headerCount() {
    return headers.length / 2;
  }

  public CharSequence headerName(int i) {
    return headers[2 * i];
  }

  public CharSequence headerValue(int i) {
    return headers[2 * i + 1];
  }
}
