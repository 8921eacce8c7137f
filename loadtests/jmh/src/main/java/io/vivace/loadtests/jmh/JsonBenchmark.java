package io.vivace.loadtests.jmh;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vivace.json.Json;
import io.vivace.loadtests.jmh.Payloads.Catalog;
import io.vivace.loadtests.jmh.Payloads.Message;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON path of a response and of a request body, for a small object ({@link Message}) and a
 * 100-item one ({@link Catalog}).
 *
 * <p>Encoding ends in a Vert.x {@link Buffer}, as a response body does: (a) Vivace's
 * {@link Json#encode}, (b) raw DSL-JSON with a reused {@link JsonWriter} copied into a buffer (the
 * floor Vivace should stay close to), (c) Jackson databind {@code writeValueAsBytes} wrapped in a
 * buffer. Decoding compares Vivace's {@link Json#decode(Class, byte[], int)} with Jackson
 * {@code readValue}. Method names read {@code operation_shape_implementation}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBenchmark {
  private static final DslJson<Object> DSL = new DslJson<>(new DslJson.Settings<>().includeServiceLoader());
  private static final JsonWriter.WriteObject<Message> MESSAGE_WRITER = DSL.tryFindWriter(Message.class);
  private static final JsonWriter.WriteObject<Catalog> CATALOG_WRITER = DSL.tryFindWriter(Catalog.class);

  private final ObjectMapper mapper = new ObjectMapper();
  /** The reused writer of (b), one per benchmark thread as one per event loop in a server. */
  private final JsonWriter writer = DSL.newWriter(1024);

  private Message message;
  private Catalog catalog;
  private byte[] messageJson;
  private byte[] catalogJson;

  /** Builds the payloads and checks that all three encoders write the same bytes. */
  @Setup
  public void setup() throws IOException {
    if (MESSAGE_WRITER == null || CATALOG_WRITER == null) {
      throw new IllegalStateException("DSL-JSON converters were not generated: is the annotation processor on?");
    }
    message = Payloads.message();
    catalog = Payloads.catalog();
    messageJson = Json.toBytes(message);
    catalogJson = Json.toBytes(catalog);
    same("message", messageJson, encode_message_dslJson(), encode_message_jackson(), encode_message_vivace());
    same("catalog", catalogJson, encode_catalog_dslJson(), encode_catalog_jackson(), encode_catalog_vivace());
  }

  private static void same(String shape, byte[] expected, Buffer... actual) {
    for (Buffer b : actual) {
      if (!Arrays.equals(expected, b.getBytes())) {
        throw new IllegalStateException(shape + ": encoders disagree:\n" + new String(expected) + "\n" + b);
      }
    }
  }

  private Buffer dslJson(JsonWriter.WriteObject<?> converter, Object value) {
    JsonWriter w = writer;
    w.reset();
    @SuppressWarnings("unchecked")
    JsonWriter.WriteObject<Object> c = (JsonWriter.WriteObject<Object>) converter;
    c.write(w, value);
    int size = w.size();
    return Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
  }

  // ---- encode: small ----

  @Benchmark
  public Buffer encode_message_vivace() {
    return Json.encode(message);
  }

  @Benchmark
  public Buffer encode_message_dslJson() {
    return dslJson(MESSAGE_WRITER, message);
  }

  @Benchmark
  public Buffer encode_message_jackson() throws IOException {
    return Buffer.buffer(mapper.writeValueAsBytes(message));
  }

  // ---- encode: 100 items ----

  @Benchmark
  public Buffer encode_catalog_vivace() {
    return Json.encode(catalog);
  }

  @Benchmark
  public Buffer encode_catalog_dslJson() {
    return dslJson(CATALOG_WRITER, catalog);
  }

  @Benchmark
  public Buffer encode_catalog_jackson() throws IOException {
    return Buffer.buffer(mapper.writeValueAsBytes(catalog));
  }

  // ---- decode ----

  @Benchmark
  public Message decode_message_vivace() throws IOException {
    return Json.decode(Message.class, messageJson, messageJson.length);
  }

  @Benchmark
  public Message decode_message_jackson() throws IOException {
    return mapper.readValue(messageJson, Message.class);
  }

  @Benchmark
  public Catalog decode_catalog_vivace() throws IOException {
    return Json.decode(Catalog.class, catalogJson, catalogJson.length);
  }

  @Benchmark
  public Catalog decode_catalog_jackson() throws IOException {
    return mapper.readValue(catalogJson, Catalog.class);
  }
}
