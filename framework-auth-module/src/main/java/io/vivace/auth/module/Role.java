package io.vivace.auth.module;

import com.dslplatform.json.CompiledJson;
import java.util.List;

/**
 * A role and the permissions it grants, as the permission admin routes answer it: {@code name},
 * its {@code permissions} in alphabetical order (possibly empty), and {@code superuser}, true for
 * the role of {@code AUTH_SUPERUSER_ROLE}, which passes every permission check whatever it lists.
 */
@CompiledJson
public record Role(String name, List<String> permissions, boolean superuser) {
}
