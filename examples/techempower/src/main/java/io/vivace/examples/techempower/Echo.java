package io.vivace.examples.techempower;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/**
 * The body of {@code POST /echo}, read and written back by the DSL-JSON converter generated at
 * compile time: {@code {"id":42,"name":"Ada Lovelace","email":"ada@example.com","tags":["analytical","engine"]}}.
 * The load tests' JSON POST scenario sends it; it is not a TechEmpower test type.
 *
 * @param id any number
 * @param name any text, may be null
 * @param email any text, may be null
 * @param tags any list of texts, may be null
 */
@CompiledJson
public record Echo(long id, String name, String email, List<String> tags) {
}
