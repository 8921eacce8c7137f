package io.vivace.openapi.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.openapi.OpenApiOptions;
import io.vivace.route.RouteDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the OpenAPI 3.1.1 document of the routes as served (with their groups' guards), once, at
 * start-up or when the document is exported. Routes ending in a wildcard and hidden routes are left
 * out. A route that declares no result type is named in a WARN line (its success response has no
 * schema).
 */
public final class Documents {
  private static final Logger LOG = LoggerFactory.getLogger("io.vivace.openapi");
  /** The OpenAPI version written. */
  public static final String OPENAPI_VERSION = "3.1.1";

  private Documents() {
  }

  /**
   * The document of {@code routes}.
   *
   * @param warn whether to log a WARN line per route whose result type is undeclared
   */
  public static JsonObject build(List<RouteDef> routes, OpenApiOptions options, boolean warn) {
    Schemas schemas = new Schemas();
    JsonObject paths = new JsonObject();
    Set<String> ids = new HashSet<>();
    Set<Integer> errors = new TreeSet<>();
    boolean bearer = false;
    List<String> undeclared = new ArrayList<>();
    for (RouteDef r : routes) {
      if (r.isHidden() || r.path().endsWith("*") || r.path().contains("(")) {
        continue;
      }
      String id = r.operationIdOrNull() != null ? r.operationIdOrNull() : Operations.defaultId(r);
      String unique = id;
      for (int n = 2; !ids.add(unique); n++) {
        unique = id + n;
      }
      JsonObject op = Operations.of(r, unique, schemas);
      String path = Operations.openApiPath(r.path());
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        paths.put(path, item);
      }
      String method = r.method().name().toLowerCase(java.util.Locale.ROOT);
      if (item.containsKey(method)) {
        continue; // the first declared route that matches wins; a later one is never served
      }
      item.put(method, op);
      for (String code : op.getJsonObject("responses").fieldNames()) {
        int status = Integer.parseInt(code);
        if (status >= 400) {
          errors.add(status);
        }
      }
      bearer |= !op.getJsonArray("security").isEmpty();
      if (r.resultType() == null && r.successStatus() != 204) {
        undeclared.add(r.method() + " " + r.path());
      }
    }
    if (warn && !undeclared.isEmpty()) {
      for (String route : undeclared) {
        LOG.warn("OpenAPI: route {} declares no result type, so its document has no response schema; "
            + "declare it with .produces(Type.class) (or .status(204) for no body)", route);
      }
    }
    JsonObject components = new JsonObject();
    JsonObject schemaMap = new JsonObject();
    schemas.components().forEach(schemaMap::put);
    if (!errors.isEmpty()) {
      schemaMap.put("Problem", Statuses.problemSchema());
      JsonObject responses = new JsonObject();
      for (int e : errors) {
        responses.put(Statuses.name(e), Statuses.problemResponse(e));
      }
      components.put("responses", responses);
    }
    if (!schemaMap.isEmpty()) {
      components.put("schemas", schemaMap);
    }
    if (bearer) {
      components.put("securitySchemes", new JsonObject().put(Operations.BEARER, new JsonObject()
          .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
          .put("description", "a JWT in `Authorization: Bearer <token>` (RFC 6750)")));
    }
    JsonObject doc = new JsonObject()
        .put("openapi", OPENAPI_VERSION)
        .put("info", new JsonObject().put("title", options.title()).put("version", options.version()))
        .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
        .put("paths", paths);
    if (!components.isEmpty()) {
      doc.put("components", components);
    }
    return doc;
  }
}
