package io.vivace.db.eager;

import io.vivace.extract.Extractor;
import io.vivace.extract.RequestExtractor;
import io.vivace.openapi.ExtractorDoc;
import io.vivace.openapi.ParamDoc;
import io.vivace.problem.FieldError;
import io.vivace.problem.Problem;
import io.vivace.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An extractor of the relations a client asks for with {@code ?include=author,comments}, from an
 * allow-list of names. Absent or empty gives no relations; an unknown name is a 400 that names it
 * and lists the allowed ones. Immutable; called on the event loop.
 */
public final class Include {
  private Include() {
  }

  /** An extractor of {@code include} over the allowed {@code relations} (by name, in a stable order). */
  public static <P> Extractor<List<Relation<P, ?>>> of(Map<String, Relation<P, ?>> relations) {
    Map<String, Relation<P, ?>> allowed = new LinkedHashMap<>(relations);
    ExtractorDoc doc = ExtractorDoc.params(new ParamDoc("query", "include", String.class, false, null, null, null,
        List.copyOf(allowed.keySet()), "relations to embed, comma-separated"));
    return new RequestExtractor<List<Relation<P, ?>>>() {
      @Override
      public ExtractorDoc describe() {
        return doc;
      }

      @Override
      public List<Relation<P, ?>> extract(io.vertx.core.http.HttpServerRequest req) {
        String raw = req.getParam("include");
        if (raw == null || raw.isBlank()) {
          return List.of();
        }
        List<Relation<P, ?>> chosen = new ArrayList<>();
        for (String name : raw.split(",")) {
          String n = name.trim();
          Relation<P, ?> r = allowed.get(n);
          if (r == null) {
            String what = "has an unknown relation \"" + (n.length() > 40 ? n.substring(0, 40) + "..." : n)
                + "\"; allowed: " + String.join(", ", allowed.keySet());
            throw new ProblemException(Problem.of(400, "The query parameter 'include' " + what + ".",
                List.of(FieldError.query("include", what))));
          }
          if (!chosen.contains(r)) {
            chosen.add(r);
          }
        }
        return chosen;
      }
    };
  }
}
