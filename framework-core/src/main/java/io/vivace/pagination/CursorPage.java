package io.vivace.pagination;

import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.vivace.json.Json;
import io.vivace.response.Response;
import java.util.List;
import java.util.Objects;

/**
 * One keyset page, rendered as {@code {"items":[...],"limit":20,"next_cursor":"..."}}
 * ({@code next_cursor} is null on the last page). {@link #toResponse(CursorRequest)} also sets the
 * RFC 8288 {@code Link} header of the next page. Immutable when {@code items} is.
 *
 * @param items this page's items
 * @param limit the page size used
 * @param nextCursor the opaque cursor of the next page, or null when this is the last
 */
public record CursorPage<T>(List<T> items, int limit, String nextCursor) implements JsonObject {
  public CursorPage {
    Objects.requireNonNull(items, "items");
  }

  /**
   * A 200 response of this page with, when there is a next page, the header
   * {@code Link: </path?limit=20&cursor=...>; rel="next"} (RFC 8288; a URI reference relative to
   * the request).
   */
  public Response toResponse(CursorRequest request) {
    Response ok = Response.ok(this);
    return nextCursor == null ? ok : ok.header("Link", "<" + request.linkTo(nextCursor) + ">; rel=\"next\"");
  }

  @Override
  public void serialize(JsonWriter w, boolean minimal) {
    w.writeAscii("{\"items\":");
    Json.write(w, items);
    w.writeAscii(",\"limit\":");
    NumberConverter.serialize(limit, w);
    w.writeAscii(",\"next_cursor\":");
    Json.write(w, nextCursor);
    w.writeByte(JsonWriter.OBJECT_END);
  }
}
