package io.vivace.loadtests.baseline;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/**
 * The body of {@code POST /echo}, the same record as the techempower example's, with its DSL-JSON
 * converter generated at compile time.
 *
 * @param id any number
 * @param name any text, may be null
 * @param email any text, may be null
 * @param tags any list of texts, may be null
 */
@CompiledJson
public record Echo(long id, String name, String email, List<String> tags) {
}
