package io.vivace.openapi.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.extract.Rules;
import java.util.List;

/**
 * A record's declared {@link Rules} in its schema (JSON Schema 2020-12): {@code required} (and no
 * longer nullable) for required and not-blank members, {@code minLength} 1 and a non-whitespace
 * {@code pattern} for not blank, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum},
 * {@code minItems}/{@code maxItems}, {@code format: email}; a code check in the description. Runs
 * when the document is built.
 */
final class Constraints {
  private Constraints() {
  }

  /** Applies {@code rules} to the record's {@code properties} and {@code required} list. */
  static void apply(List<Rules.Rule> rules, JsonObject properties, JsonArray required) {
    for (Rules.Rule r : rules) {
      JsonObject p = properties.getJsonObject(r.field());
      if (p == null) {
        continue; // a rule on a name that is not a member (a nested pointer): not describable here
      }
      switch (r.kind()) {
        case REQUIRED -> require(r.field(), properties, required);
        case NOT_BLANK -> {
          require(r.field(), properties, required);
          JsonObject s = properties.getJsonObject(r.field());
          s.put("minLength", Math.max(1L, s.getLong("minLength", 1L))).put("pattern", "\\S");
        }
        case LENGTH -> {
          JsonObject s = properties.getJsonObject(r.field()); // with several rules, the narrowest bounds
          s.put("minLength", Math.max(r.min(), s.getLong("minLength", 0L)))
              .put("maxLength", Math.min(r.max(), s.getLong("maxLength", Long.MAX_VALUE)));
        }
        case RANGE -> properties.getJsonObject(r.field()).put("minimum", r.min()).put("maximum", r.max());
        case SIZE -> properties.getJsonObject(r.field()).put("minItems", r.min()).put("maxItems", r.max());
        case EMAIL -> properties.getJsonObject(r.field()).put("format", "email");
        case CHECK -> {
          JsonObject s = properties.getJsonObject(r.field());
          String d = s.getString("description");
          s.put("description", d == null ? r.detail() : d + "; " + r.detail());
        }
        default -> throw new IllegalStateException(r.kind().name());
      }
    }
  }

  /** Marks {@code field} required and removes {@code null} from its type: a null value fails the rule. */
  private static void require(String field, JsonObject properties, JsonArray required) {
    if (!required.contains(field)) {
      required.add(field);
    }
    JsonObject s = properties.getJsonObject(field);
    Object type = s.getValue("type");
    if (type instanceof JsonArray types && types.contains("null")) {
      JsonArray rest = new JsonArray();
      types.forEach(t -> {
        if (!"null".equals(t)) {
          rest.add(t);
        }
      });
      s.put("type", rest.size() == 1 ? rest.getValue(0) : rest);
    } else if (s.containsKey("anyOf")) {
      JsonArray any = s.getJsonArray("anyOf");
      if (any.size() == 2 && "null".equals(any.getJsonObject(1).getString("type"))) {
        properties.put(field, any.getJsonObject(0));
      }
    }
  }
}
