package io.vivace.pagination;

import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import io.vivace.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * One page of an offset-paginated list, rendered as
 * {@code {"items":[...],"page":2,"per_page":20,"total":135,"total_pages":7}}. The page size is the
 * clamped one the request was served with. Items are written with their compile-time converters.
 * A negative {@code total} means not counted: {@code total} and {@code total_pages} are left out.
 * Immutable when {@code items} is.
 *
 * @param items this page's items
 * @param page 1-based page number
 * @param perPage the page size used
 * @param total items in the whole list, or -1 when not counted
 */
public record Page<T>(List<T> items, int page, int perPage, long total) implements JsonObject {
  public Page {
    Objects.requireNonNull(items, "items");
  }

  /** A page of {@code items} for {@code request} out of {@code total}. */
  public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
    return new Page<>(items, request.page(), request.perPage(), total);
  }

  /** The page of an in-memory list that {@code request} asks for. */
  public static <T> Page<T> slice(List<T> all, PageRequest request) {
    long from = Math.min(request.offset(), all.size());
    long to = Math.min(from + request.perPage(), all.size());
    return of(all.subList((int) from, (int) to), request, all.size());
  }

  /** {@code ceil(total / perPage)}, or -1 when not counted. */
  public long totalPages() {
    return total < 0 ? -1 : (total + perPage - 1) / perPage;
  }

  @Override
  public void serialize(JsonWriter w, boolean minimal) {
    w.writeAscii("{\"items\":");
    Json.write(w, items);
    w.writeAscii(",\"page\":");
    NumberConverter.serialize(page, w);
    w.writeAscii(",\"per_page\":");
    NumberConverter.serialize(perPage, w);
    if (total >= 0) {
      w.writeAscii(",\"total\":");
      NumberConverter.serialize(total, w);
      w.writeAscii(",\"total_pages\":");
      NumberConverter.serialize(totalPages(), w);
    }
    w.writeByte(JsonWriter.OBJECT_END);
  }
}
