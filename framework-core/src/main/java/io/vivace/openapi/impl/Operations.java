package io.vivace.openapi.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.extract.Extractor;
import io.vivace.openapi.ExtractorDoc;
import io.vivace.openapi.ParamDoc;
import io.vivace.pagination.CursorPage;
import io.vivace.route.RouteDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One route as an OpenAPI 3.1 Operation Object. Used while the document is built, at start-up. */
final class Operations {
  static final String BEARER = "bearerAuth";

  private Operations() {
  }

  /** The path in OpenAPI form: {@code /posts/:id} becomes {@code /posts/{id}}. */
  static String openApiPath(String path) {
    StringBuilder b = new StringBuilder();
    for (String seg : path.split("/", -1)) {
      if (b.length() > 0 || !seg.isEmpty()) {
        b.append('/');
      }
      b.append(seg.startsWith(":") ? "{" + seg.substring(1) + "}" : seg);
    }
    return b.length() == 0 ? "/" : b.toString();
  }

  /** The names of the {@code :name} segments, in order. */
  static List<String> pathNames(String path) {
    List<String> names = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.startsWith(":")) {
        names.add(seg.substring(1));
      }
    }
    return names;
  }

  /** A default operationId: {@code GET /posts/:id} gives {@code getPostsById}. */
  static String defaultId(RouteDef r) {
    StringBuilder b = new StringBuilder(r.method().name().toLowerCase(java.util.Locale.ROOT));
    for (String seg : r.path().split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      boolean param = seg.startsWith(":");
      String word = param ? seg.substring(1) : seg;
      if (param) {
        b.append("By");
      }
      boolean upper = true;
      for (char ch : word.toCharArray()) {
        if (Character.isLetterOrDigit(ch)) {
          b.append(upper ? Character.toUpperCase(ch) : ch);
          upper = false;
        } else {
          upper = true;
        }
      }
    }
    return b.toString();
  }

  /** The Operation Object of {@code r}; its schemas go to {@code schemas}. */
  static JsonObject of(RouteDef r, String operationId, Schemas schemas) {
    ExtractorDoc doc = ExtractorDoc.none();
    for (Extractor<?> g : r.guards()) {
      doc = doc.and(g.describe());
    }
    for (Extractor<?> e : r.endpoint().extractors()) {
      doc = doc.and(e.describe());
    }
    JsonObject op = new JsonObject().put("operationId", operationId);
    // a summary is what lists and docs UIs show; without one given, the method and path
    op.put("summary", r.summaryOrNull() != null ? r.summaryOrNull() : r.method().name() + " " + openApiPath(r.path()));
    String description = r.descriptionOrNull();
    if (!doc.roles().isEmpty()) {
      String roles = "Requires the role " + String.join(" or ", new TreeSet<>(doc.roles())) + ".";
      description = description == null ? roles : description + "\n\n" + roles;
    }
    if (description != null) {
      op.put("description", description);
    }
    if (!r.tagList().isEmpty()) {
      op.put("tags", new JsonArray(new ArrayList<>(r.tagList())));
    }
    if (r.isDeprecated()) {
      op.put("deprecated", true);
    }
    JsonArray params = parameters(r, doc, schemas);
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (doc.body() == io.vivace.extract.Multipart.class) { // fields and files named by the handler, not the type
      op.put("requestBody", new JsonObject().put("required", true).put("content", new JsonObject().put(
          "multipart/form-data", new JsonObject().put("schema", new JsonObject().put("type", "object")))));
    } else if (doc.body() != null) {
      op.put("requestBody", new JsonObject().put("required", true).put("content",
          new JsonObject().put("application/json", new JsonObject().put("schema", schemas.of(doc.body())))));
    }
    op.put("responses", responses(r, doc, schemas));
    op.put("security", security(doc));
    return op;
  }

  private static JsonArray parameters(RouteDef r, ExtractorDoc doc, Schemas schemas) {
    Map<String, ParamDoc> byKey = new LinkedHashMap<>();
    for (String name : pathNames(r.path())) {
      byKey.put("path:" + name, new ParamDoc("path", name, String.class, true, null, null, null, List.of(), null));
    }
    for (ParamDoc p : doc.params()) {
      String key = p.in() + ":" + (p.in().equals("header") ? p.name().toLowerCase(java.util.Locale.ROOT) : p.name());
      if (p.in().equals("path") && !byKey.containsKey(key)) {
        continue; // a path extractor of a name the pattern does not have: it can never be given
      }
      byKey.putIfAbsent(key, p);
      if (p.in().equals("path")) {
        byKey.put(key, p.withRequired(true));
      }
    }
    JsonArray out = new JsonArray();
    for (ParamDoc p : byKey.values()) {
      out.add(parameter(p, schemas));
    }
    return out;
  }

  private static JsonObject parameter(ParamDoc p, Schemas schemas) {
    JsonObject schema = schemas.of(p.type()).copy();
    if (!p.allowed().isEmpty()) {
      // a comma-separated list of allowed names: documented as an array, form style, not exploded
      schema = new JsonObject().put("type", "array").put("items",
          new JsonObject().put("type", "string").put("enum", new JsonArray(new ArrayList<>(p.allowed()))))
          .put("uniqueItems", true);
    }
    if (p.minimum() != null) {
      schema.put("minimum", p.minimum());
    }
    if (p.maximum() != null) {
      schema.put("maximum", p.maximum());
    }
    if (p.defaultValue() != null) {
      Object d = p.defaultValue();
      schema.put("default", d instanceof Number || d instanceof Boolean ? d : d.toString());
    }
    JsonObject out = new JsonObject().put("name", p.name()).put("in", p.in()).put("required", p.required())
        .put("schema", schema);
    if (!p.allowed().isEmpty()) {
      out.put("style", "form").put("explode", false);
    }
    if (p.description() != null) {
      out.put("description", p.description());
    }
    return out;
  }

  private static JsonObject responses(RouteDef r, ExtractorDoc doc, Schemas schemas) {
    JsonObject responses = new JsonObject();
    int status = r.successStatus();
    JsonObject ok = new JsonObject().put("description", Statuses.reason(status));
    Class<?> type = r.resultType();
    if (status != 204 && type != null && type != Void.class) {
      String media;
      JsonObject schema;
      if (type == String.class) {
        media = "text/plain";
        schema = new JsonObject().put("type", "string");
      } else if (type == Buffer.class || type == byte[].class) {
        media = "application/octet-stream";
        schema = new JsonObject().put("type", "string").put("contentMediaType", "application/octet-stream");
      } else {
        media = "application/json";
        schema = r.resultItemType() != null ? schemas.of(type, r.resultItemType()) : schemas.of(type);
      }
      if (r.mediaTypeOrNull() != null) {
        media = r.mediaTypeOrNull();
        boolean json = media.equals("application/json") || media.endsWith("+json");
        if (!json && "application/json".equals(defaultMedia(type))) {
          // a stream of JSON values (application/x-ndjson, JSON Lines): the body as a whole is text;
          // each line's schema is named in an extension keyword validators ignore
          schema = new JsonObject().put("type", "string").put("contentMediaType", media)
              .put("description", "one JSON value per line, each as the item schema")
              .put("x-item-schema", schema);
        }
      }
      ok.put("content", new JsonObject().put(media, new JsonObject().put("schema", schema)));
    }
    JsonObject headers = new JsonObject();
    if (status == 201) {
      headers.put("Location", new JsonObject().put("description", "the URI of the created resource (RFC 9110 §10.2.2)")
          .put("schema", new JsonObject().put("type", "string").put("format", "uri-reference")));
    }
    if (type == CursorPage.class) {
      headers.put("Link", new JsonObject().put("description", "the next page, `<uri>; rel=\"next\"` (RFC 8288); absent on the last page")
          .put("schema", new JsonObject().put("type", "string")));
    }
    boolean conditional = doc.errors().contains(304);
    if (conditional) {
      headers.put("ETag", new JsonObject().put("description", "the strong entity tag of the body (RFC 9110 §8.8.3)")
          .put("schema", new JsonObject().put("type", "string")));
    }
    if (!headers.isEmpty()) {
      ok.put("headers", headers);
    }
    responses.put(Integer.toString(status), ok);
    for (int other : r.otherSuccessStatuses()) {
      if (other != status) { // the same body; a Location only where the status says "created"
        JsonObject also = new JsonObject().put("description", Statuses.reason(other));
        if (other != 204 && ok.containsKey("content")) {
          also.put("content", ok.getJsonObject("content"));
        }
        if (other == 201 && headers.containsKey("Location")) {
          also.put("headers", new JsonObject().put("Location", headers.getJsonObject("Location")));
        }
        responses.put(Integer.toString(other), also);
      }
    }
    if (conditional) {
      responses.put("304", new JsonObject().put("description", "Not Modified: If-None-Match matched the current ETag")
          .put("headers", new JsonObject().put("ETag", new JsonObject().put("schema", new JsonObject().put("type", "string")))));
    }
    Set<Integer> errors = new TreeSet<>(doc.errors());
    errors.remove(304);
    errors.addAll(r.declaredErrors());
    if (!pathNames(r.path()).isEmpty()) {
      errors.add(404);
      errors.add(400);
    }
    if (r.timeout() != null) {
      errors.add(503);
    }
    for (int e : errors) {
      responses.put(Integer.toString(e), new JsonObject().put("$ref", "#/components/responses/" + Statuses.name(e)));
    }
    return responses;
  }

  private static String defaultMedia(Class<?> type) {
    return type == String.class ? "text/plain"
        : type == Buffer.class || type == byte[].class ? "application/octet-stream" : "application/json";
  }

  private static JsonArray security(ExtractorDoc doc) {
    JsonArray security = new JsonArray();
    if (doc.needsBearer()) {
      security.add(new JsonObject().put(BEARER, new JsonArray(new ArrayList<>(new TreeSet<>(doc.roles())))));
    } else if (doc.optionalBearerToken()) {
      security.add(new JsonObject()).add(new JsonObject().put(BEARER, new JsonArray()));
    }
    return security;
  }
}
