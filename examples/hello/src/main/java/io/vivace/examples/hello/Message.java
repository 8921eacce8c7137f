package io.vivace.examples.hello;

import com.dslplatform.json.CompiledJson;

/** A greeting; DSL-JSON generates its converter at compile time. */
@CompiledJson
public record Message(String message) {
}
