package io.vivace.loadtests.baseline;

import com.dslplatform.json.CompiledJson;

/**
 * The TechEmpower {@code /json} payload, {@code {"message":"Hello, World!"}}. {@link CompiledJson}
 * makes the DSL-JSON annotation processor generate its converter at compile time (no reflection).
 *
 * @param message the greeting
 */
@CompiledJson
public record Message(String message) {
}
