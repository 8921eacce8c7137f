package io.vivace.loadtests.jmh;

import com.dslplatform.json.CompiledJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The two shapes the JSON benchmarks serialize and parse. The records carry {@link CompiledJson},
 * so DSL-JSON (hence Vivace) uses converters generated at compile time; Jackson reads them as
 * records through reflection.
 */
public final class Payloads {
  private Payloads() {
  }

  /**
   * The small shape, the TechEmpower {@code /json} payload.
   *
   * @param message the greeting
   */
  @CompiledJson
  public record Message(String message) {
  }

  /**
   * One item of the large shape.
   *
   * @param id     identifier
   * @param name   display name
   * @param price  unit price
   * @param active whether it is on sale
   * @param tags   a few labels
   */
  @CompiledJson
  public record Item(int id, String name, double price, boolean active, List<String> tags) {
  }

  /**
   * The large shape: a list of {@link #SIZE} items.
   *
   * @param items the items
   */
  @CompiledJson
  public record Catalog(List<Item> items) {
  }

  /** Items in {@link #catalog()}. */
  public static final int SIZE = 100;

  /** The small payload. */
  public static Message message() {
    return new Message("Hello, World!");
  }

  /** A deterministic catalog of {@link #SIZE} items. */
  public static Catalog catalog() {
    List<Item> items = new ArrayList<>(SIZE);
    for (int i = 0; i < SIZE; i++) {
      items.add(new Item(i, "Item number " + i, 9.99 + i * 0.25, i % 3 != 0,
          List.of("tag-" + (i % 7), "group-" + (i % 5), i % 2 == 0 ? "even" : "odd")));
    }
    return new Catalog(List.copyOf(items));
  }
}
