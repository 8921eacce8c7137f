package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;

/** A stored note, as the API returns it. */
@CompiledJson
public record Note(long id, String title, String body, int priority) {
}
