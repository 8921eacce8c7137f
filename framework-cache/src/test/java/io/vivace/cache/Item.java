package io.vivace.cache;

import com.dslplatform.json.CompiledJson;

/** A cached value in tests, stored in Redis as JSON through its generated converter. */
@CompiledJson
public record Item(int id, String name) {
}
