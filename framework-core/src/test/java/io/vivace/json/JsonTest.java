package io.vivace.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dslplatform.json.CompiledJson;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import io.vivace.response.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @CompiledJson
  public record Point(int x, int y, String label) {
  }

  /** No @CompiledJson: no converter is generated, and Vivace must not fall back to reflection. */
  public static final class Unannotated {
    public int x;
  }

  private static String text(Object value) {
    return Json.encode(value).toString(StandardCharsets.UTF_8);
  }

  @Test
  void encodesGeneratedTypesCollectionsMapsAndJsonObjects() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("points", List.of(new Point(1, 2, "a"), new Point(3, 4, null)));
    map.put("n", 5);
    map.put("ok", true);
    assertEquals("{\"points\":[{\"x\":1,\"y\":2,\"label\":\"a\"},{\"x\":3,\"y\":4,\"label\":null}],\"n\":5,\"ok\":true}",
        text(map));
    assertEquals("{\"success\":true,\"data\":{\"x\":1,\"y\":2,\"label\":\"é\"}}", text(Envelope.success(new Point(1, 2, "é"))));
    assertEquals("{\"items\":[1,2],\"page\":1,\"per_page\":2,\"total\":5,\"total_pages\":3}",
        text(Page.of(List.of(1, 2), new PageRequest(1, 2, 0), 5)));
  }

  @Test
  void decodesFromBytes() throws Exception {
    byte[] json = "{\"x\":7,\"y\":-1,\"label\":\"z\"} \n".getBytes(StandardCharsets.UTF_8);
    assertEquals(new Point(7, -1, "z"), Json.decode(Point.class, json, json.length));
  }

  @Test
  void rejectsTrailingContent() {
    byte[] json = "{\"x\":7} {}".getBytes(StandardCharsets.UTF_8);
    assertThrows(java.io.IOException.class, () -> Json.decode(Point.class, json, json.length));
  }

  @Test
  void aTypeWithoutConverterFailsWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.encode(new Unannotated()));
    assertTrue(e.getMessage().contains("No JSON converter for " + Unannotated.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("@com.dslplatform.json.CompiledJson"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.readerFor(Unannotated.class));
  }
}
