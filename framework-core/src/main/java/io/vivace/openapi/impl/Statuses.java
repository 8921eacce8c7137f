package io.vivace.openapi.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.problem.Problem;

/** HTTP statuses as the document names them, and the shared RFC 9457 problem responses. */
final class Statuses {
  private Statuses() {
  }

  /** The reason phrase of {@code status} (RFC 9110). */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      default -> Problem.reason(status);
    };
  }

  /** The component name of an error response: {@code 404} is {@code NotFound}. */
  static String name(int status) {
    StringBuilder b = new StringBuilder();
    for (String word : reason(status).split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return b.length() == 0 ? "Status" + status : b.toString();
  }

  /** The response of an error status: an RFC 9457 problem, {@code application/problem+json}. */
  static JsonObject problemResponse(int status) {
    JsonObject r = new JsonObject().put("description", reason(status) + ": " + cause(status))
        .put("content", new JsonObject().put(Problem.CONTENT_TYPE,
            new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem"))));
    if (status == 429 || status == 503) {
      r.put("headers", new JsonObject().put("Retry-After", new JsonObject()
          .put("description", "seconds to wait before retrying (RFC 9110 §10.2.3)")
          .put("schema", new JsonObject().put("type", "integer").put("minimum", 0))));
    }
    if (status == 401) {
      r.put("headers", new JsonObject().put("WWW-Authenticate", new JsonObject()
          .put("description", "the Bearer challenge (RFC 6750 §3)").put("schema", new JsonObject().put("type", "string"))));
    }
    return r;
  }

  private static String cause(int status) {
    return switch (status) {
      case 400 -> "a parameter or the body is missing or malformed; `errors` names each field";
      case 401 -> "no valid bearer token";
      case 403 -> "the token lacks a required role";
      case 404 -> "no such resource";
      case 409 -> "conflicts with the current state (a unique or foreign key constraint)";
      case 412 -> "If-Match does not match the current ETag";
      case 413 -> "the body is larger than the server accepts";
      case 415 -> "the body is not sent as application/json";
      case 422 -> "the body does not fit the schema or fails validation; `errors` has a JSON pointer per field";
      case 429 -> "too many requests";
      case 503 -> "not answered in time or the database is unavailable";
      default -> "see detail";
    };
  }

  /** The RFC 9457 problem details schema, with Vivace's {@code errors} and {@code request_id} members. */
  static JsonObject problemSchema() {
    JsonObject fieldError = new JsonObject().put("type", "object")
        .put("properties", new JsonObject()
            .put("in", new JsonObject().put("type", "string").put("description", "path, query, header, cookie or body"))
            .put("parameter", new JsonObject().put("type", "string"))
            .put("pointer", new JsonObject().put("type", "string").put("description", "a JSON pointer (RFC 6901) into the body"))
            .put("detail", new JsonObject().put("type", "string")));
    return new JsonObject().put("type", "object")
        .put("description", "Problem details for HTTP APIs (RFC 9457)")
        .put("properties", new JsonObject()
            .put("type", new JsonObject().put("type", "string").put("format", "uri-reference").put("default", "about:blank"))
            .put("title", new JsonObject().put("type", "string"))
            .put("status", new JsonObject().put("type", "integer").put("minimum", 100).put("maximum", 599))
            .put("detail", new JsonObject().put("type", "string"))
            .put("instance", new JsonObject().put("type", "string").put("format", "uri-reference"))
            .put("errors", new JsonObject().put("type", "array").put("items", fieldError))
            .put("request_id", new JsonObject().put("type", "string")))
        .put("required", new JsonArray().add("type").add("title").add("status"));
  }
}
