package io.vivace.extract;

import com.dslplatform.json.JsonReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vivace.json.Json;
import io.vivace.json.impl.JsonBodyDecoder;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Extractors of the request body. A route with one of these buffers the body first, up to the
 * configured maximum ({@code VIVACE_MAX_BODY_SIZE}, else 413).
 */
public final class Body {
  private Body() {
  }

  /**
   * The body parsed as JSON into {@code type} with its compile-time DSL-JSON converter, then
   * validated when the type is {@link Validatable}.
   *
   * <p>Errors: 415 unless {@code Content-Type} is {@code application/json} or a {@code +json}
   * type; 400 for an empty body or malformed JSON; 422 listing every field that does not fit the
   * type or fails validation, each with its JSON pointer.
   *
   * @throws IllegalArgumentException now, when {@code type} has no generated converter
   */
  public static <T> Extractor<T> json(Class<T> type) {
    JsonReader.ReadObject<T> reader = Json.readerFor(type);
    io.vivace.openapi.ExtractorDoc doc = io.vivace.openapi.ExtractorDoc.jsonBody(type);
    return new Extractor<>() {
      @Override
      public io.vivace.openapi.ExtractorDoc describe() {
        return doc;
      }

      @Override
      public T extract(RoutingContext ctx) {
        requireJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        byte[] bytes = bytes(ctx);
        if (bytes.length == 0) {
          throw new ProblemException(Problem.of(400, "A JSON request body is required.",
              List.of(FieldError.body("", "is required"))));
        }
        T value = JsonBodyDecoder.decode(reader, bytes, bytes.length);
        if (value instanceof Validatable) {
          Validation v = new Validation();
          ((Validatable) value).validate(v);
          if (!v.isValid()) {
            throw ProblemException.unprocessable(v.errors());
          }
        }
        return value;
      }

      @Override
      public boolean readsBody() {
        return true;
      }
    };
  }

  /**
   * A {@code multipart/form-data} body (RFC 7578) within {@link MultipartLimits#defaults()}; see
   * {@link #multipart(MultipartLimits)}.
   */
  public static Extractor<Multipart> multipart() {
    return multipart(MultipartLimits.defaults());
  }

  /**
   * A {@code multipart/form-data} body (RFC 7578): file parts are streamed to temporary files as
   * they arrive (never held in memory) and text fields collected; the handler gets a
   * {@link Multipart} once the whole body is in. The temporary files are deleted when the response
   * has ended, whether the request succeeded or failed (or the client went away). Errors: another
   * content type → 415; a part, the body or the number of parts over {@code limits} → 413 naming
   * the part; a malformed body → 400. The route's body timeout ({@code VIVACE_BODY_TIMEOUT}) applies.
   */
  public static Extractor<Multipart> multipart(MultipartLimits limits) {
    io.vivace.extract.impl.MultipartReader reader = new io.vivace.extract.impl.MultipartReader(limits);
    return new Extractor<>() {
      @Override
      public Multipart extract(RoutingContext ctx) {
        return io.vivace.extract.impl.MultipartReader.result(ctx);
      }

      @Override
      public boolean readsBody() {
        return true;
      }

      @Override
      public io.vertx.core.Handler<RoutingContext> bodyReader() {
        return reader;
      }

      @Override
      public io.vivace.openapi.ExtractorDoc describe() {
        return io.vivace.openapi.ExtractorDoc.multipartBody();
      }
    };
  }

  /** The raw body bytes (empty when there is none). */
  public static Extractor<Buffer> buffer() {
    return new Extractor<>() {
      @Override
      public Buffer extract(RoutingContext ctx) {
        Buffer b = ctx.body().buffer();
        return b == null ? Buffer.buffer() : b;
      }

      @Override
      public boolean readsBody() {
        return true;
      }
    };
  }

  /** The body decoded as UTF-8 text (empty when there is none). */
  public static Extractor<String> text() {
    return new Extractor<>() {
      @Override
      public String extract(RoutingContext ctx) {
        return new String(bytes(ctx), StandardCharsets.UTF_8);
      }

      @Override
      public boolean readsBody() {
        return true;
      }
    };
  }

  private static byte[] bytes(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    return b == null ? new byte[0] : b.getBytes();
  }

  /** 415 unless the media type is application/json or ends in +json (parameters allowed). */
  static void requireJson(String contentType) {
    if (contentType != null) {
      int end = contentType.indexOf(';');
      if (end < 0) {
        end = contentType.length();
      }
      while (end > 0 && contentType.charAt(end - 1) == ' ') {
        end--;
      }
      if ((end == 16 && contentType.regionMatches(true, 0, "application/json", 0, 16))
          || (end > 5 && contentType.regionMatches(true, end - 5, "+json", 0, 5))) {
        return;
      }
    }
    throw ProblemException.of(415, "The request body must be sent as application/json, got "
        + (contentType == null ? "no Content-Type" : "'" + contentType + "'") + ".");
  }
}
