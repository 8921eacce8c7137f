package io.vivace.loadtests.baseline;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;

/**
 * {@code POST /echo} of one {@link BaselineVerticle}: the JSON body is read into an {@link Echo}
 * with the generated DSL-JSON reader and written back with the generated writer, through the
 * verticle's reused reader and writer (both used on its event loop only). Not a POST: 405; a
 * body that is not an Echo: 400, empty body. The caller has added {@code Server} and {@code Date}.
 */
final class EchoEndpoint {
  private static final JsonReader.ReadObject<Echo> READER = BaselineVerticle.DSL.tryFindReader(Echo.class);
  private static final JsonWriter.WriteObject<Echo> WRITER = BaselineVerticle.DSL.tryFindWriter(Echo.class);

  static {
    if (READER == null || WRITER == null) {
      throw new IllegalStateException("No generated DSL-JSON converter for Echo: is the annotation processor on?");
    }
  }

  private final JsonReader<Object> reader = BaselineVerticle.DSL.newReader(new byte[256]);
  private final JsonWriter writer;

  /** @param writer the verticle's JSON writer, reset before each use */
  EchoEndpoint(JsonWriter writer) {
    this.writer = writer;
  }

  void handle(HttpServerRequest request, HttpServerResponse response) {
    if (request.method() != HttpMethod.POST) {
      response.setStatusCode(405).putHeader("Allow", "POST").end();
      return;
    }
    request.body().onComplete(body -> respond(body, response), err -> {
      if (!response.ended() && !response.closed()) {
        response.setStatusCode(400).end();
      }
    });
  }

  private void respond(Buffer body, HttpServerResponse response) {
    Echo echo;
    try {
      byte[] bytes = body.getBytes();
      reader.process(bytes, bytes.length);
      reader.getNextToken();
      echo = READER.read(reader);
    } catch (IOException | RuntimeException e) {
      response.setStatusCode(400).end();
      return;
    }
    if (echo == null) {
      response.setStatusCode(400).end();
      return;
    }
    JsonWriter w = writer;
    w.reset();
    WRITER.write(w, echo);
    int size = w.size();
    Buffer out = Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
    response.headers().add(BaselineVerticle.CONTENT_TYPE, BaselineVerticle.APPLICATION_JSON);
    response.end(out);
  }
}
