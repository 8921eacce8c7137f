package io.vivace.loadtests.baseline;

import com.dslplatform.json.CompiledJson;

/**
 * A World row, the TechEmpower {@code /db} payload {@code {"id":3217,"randomNumber":2149}}; its
 * DSL-JSON converter is generated at compile time, like {@link Message}'s.
 *
 * @param id the row id, 1..10000
 * @param randomNumber the row's number, 1..10000
 */
@CompiledJson
public record World(int id, int randomNumber) {
}
