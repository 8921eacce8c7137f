package io.vivace.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread's reused JSON writer does not keep the size of the largest response it ever wrote. */
class JsonWriterCapTest {

  @Test
  void aLargeResponseDoesNotPinItsSizeOnTheThread() {
    List<String> big = Collections.nCopies(50_000, "0123456789"); // about 650 KB of JSON
    assertEquals(50_000 * 13 + 1, Json.encode(big).length());
    assertTrue(Json.retainedWriterBytes() <= Json.MAX_RETAINED_WRITER_BYTES,
        "retained " + Json.retainedWriterBytes() + " bytes after a large response");
    assertEquals("[\"a\"]", Json.encode(List.of("a")).toString());
  }

  @Test
  void aSmallWriterIsKeptAndReused() {
    Json.encode(List.of("warm"));
    int before = Json.retainedWriterBytes();
    Json.encode(Collections.nCopies(100, "x"));
    assertEquals(before, Json.retainedWriterBytes());
  }
}
