package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;

/** An entry of the in-memory catalogue that {@code GET /items} pages through. */
@CompiledJson
public record Item(int id, String name, double price) {
}
