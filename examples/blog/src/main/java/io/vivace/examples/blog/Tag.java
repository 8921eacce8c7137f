package io.vivace.examples.blog;

import com.dslplatform.json.CompiledJson;

/** A tag: {@code {"id":4,"name":"postgres"}}. */
@CompiledJson
public record Tag(int id, String name) {
}
