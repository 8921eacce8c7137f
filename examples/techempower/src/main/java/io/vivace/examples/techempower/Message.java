package io.vivace.examples.techempower;

import com.dslplatform.json.CompiledJson;

/** The JSON test's object: a new instance is serialized per request, as the rules require. */
@CompiledJson
public record Message(String message) {
}
