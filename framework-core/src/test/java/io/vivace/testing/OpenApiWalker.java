package io.vivace.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Requests every operation of an OpenAPI document once, through a validating proxy (Prism), with
 * values made from the document itself: path parameters from a given map, required query
 * parameters and enumerations from their schemas, request bodies sampled from their schemas, a
 * bearer token on operations that need one. Reads first, then writes, deletes last. Each answer
 * whose status is 5xx or that carries Prism's {@code sl-violations} header is reported. An event
 * stream ({@code text/event-stream}) never ends, so it is not requested; {@link #answered()} lists
 * it as {@code "GET /path stream (not walked)"}.
 */
public final class OpenApiWalker {
  private static final List<String> ORDER = List.of("get", "post", "put", "patch", "delete");

  private final JsonObject doc;
  private final List<String> answered = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public OpenApiWalker(JsonObject doc) {
    this.doc = doc;
  }

  /** One request per operation to {@code base}; the problems found, empty when none. */
  public List<String> walk(String base, String bearerToken, Map<String, String> pathValues)
      throws IOException, InterruptedException {
    List<String[]> ops = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        ops.add(new String[] {method, path});
      }
    }
    ops.sort(Comparator.comparingInt(o -> ORDER.indexOf(o[0])));
    List<String> problems = new ArrayList<>();
    for (String[] o : ops) {
      JsonObject op = paths.getJsonObject(o[1]).getJsonObject(o[0]);
      if (eventStream(op)) {
        // an event stream never ends, so it has no whole answer to validate; its own tests read it
        answered.add(o[0].toUpperCase() + " " + o[1] + " stream (not walked)");
        continue;
      }
      String target = o[1];
      StringJoiner query = new StringJoiner("&");
      for (Object p : op.getJsonArray("parameters", new JsonArray())) {
        JsonObject param = (JsonObject) p;
        String name = param.getString("name");
        if ("path".equals(param.getString("in"))) {
          boolean uuid = "uuid".equals(param.getJsonObject("schema", new JsonObject()).getString("format"));
          target = target.replace("{" + name + "}", pathValues.getOrDefault(name, uuid ? "00000000-0000-4000-8000-000000000001" : "1"));
        } else if ("query".equals(param.getString("in"))) {
          JsonObject schema = param.getJsonObject("schema");
          if (param.getBoolean("required", false) || schema.containsKey("items")) {
            query.add(name + "=" + scalar(schema, name));
          }
        }
      }
      String uri = base + target + (query.length() > 0 ? "?" + query : "");
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20));
      JsonObject body = op.getJsonObject("requestBody");
      if (body != null) {
        JsonObject schema = body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
        b.header("Content-Type", "application/json");
        b.method(o[0].toUpperCase(), HttpRequest.BodyPublishers.ofString(String.valueOf(sample(schema, "", 0))));
      } else {
        b.method(o[0].toUpperCase(), HttpRequest.BodyPublishers.noBody());
      }
      if (!op.getJsonArray("security", new JsonArray()).isEmpty() && bearerToken != null) {
        b.header("Authorization", "Bearer " + bearerToken);
      }
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      answered.add(o[0].toUpperCase() + " " + o[1] + " " + r.statusCode());
      String violations = r.headers().firstValue("sl-violations").orElse(null);
      if (r.statusCode() >= 500 || violations != null) {
        problems.add(o[0].toUpperCase() + " " + uri + " -> " + r.statusCode() + (violations != null ? " violations: " + violations : "")
            + " body: " + (r.body().length() > 300 ? r.body().substring(0, 300) : r.body()));
      }
    }
    return problems;
  }

  /** Whether a success answer of {@code op} is {@code text/event-stream} (Server-Sent Events). */
  private static boolean eventStream(JsonObject op) {
    JsonObject responses = op.getJsonObject("responses", new JsonObject());
    for (String status : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(status).getJsonObject("content");
      if (status.startsWith("2") && content != null && content.containsKey("text/event-stream")) {
        return true;
      }
    }
    return false;
  }

  /** Every request made, as {@code "METHOD /path/{template} status"}, in order. */
  public List<String> answered() {
    return List.copyOf(answered);
  }

  private JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) {
      return schema;
    }
    Object at = doc;
    for (String part : ref.substring(2).split("/")) {
      at = ((JsonObject) at).getValue(part);
    }
    return (JsonObject) at;
  }

  private String scalar(JsonObject schema, String name) {
    JsonObject s = resolve(schema);
    if (s.containsKey("items")) {
      JsonArray values = resolve(s.getJsonObject("items")).getJsonArray("enum");
      return values != null ? values.getString(0) : "sample";
    }
    Object v = sample(s, name, 0);
    return String.valueOf(v);
  }

  /** A value that fits {@code schema}; for strings a value suited to the member's name. */
  Object sample(JsonObject schema, String name, int depth) {
    JsonObject s = resolve(schema);
    if (s.containsKey("default")) {
      return s.getValue("default");
    }
    if (s.containsKey("enum")) {
      return s.getJsonArray("enum").getValue(0);
    }
    if (s.containsKey("anyOf")) {
      for (Object alt : s.getJsonArray("anyOf")) {
        if (!"null".equals(((JsonObject) alt).getValue("type"))) {
          return sample((JsonObject) alt, name, depth);
        }
      }
    }
    Object t = s.getValue("type");
    String type = t instanceof JsonArray a ? a.getString(0) : (String) t;
    if (type == null || "null".equals(type)) {
      return null;
    }
    switch (type) {
      case "object": {
        JsonObject out = new JsonObject();
        JsonObject props = s.getJsonObject("properties", new JsonObject());
        if (depth < 3) {
          for (String p : props.fieldNames()) {
            out.put(p, sample(props.getJsonObject(p), p, depth + 1));
          }
        }
        return out;
      }
      case "array":
        return depth < 3 ? new JsonArray().add(sample(s.getJsonObject("items", new JsonObject()), name, depth + 1)) : new JsonArray();
      case "integer":
        return s.getLong("minimum", 1L);
      case "number":
        return 1.5;
      case "boolean":
        return true;
      default:
        String lower = name.toLowerCase();
        if (lower.contains("email") || "email".equals(s.getString("format"))) {
          return "walker@example.com";
        }
        if (lower.contains("password")) {
          return "a long password for the walker";
        }
        if ("uuid".equals(s.getString("format"))) {
          return "6f1c1f3e-2b1a-4c51-9d0e-3f1f5a9b8c7d";
        }
        if ("date-time".equals(s.getString("format"))) {
          return "2026-01-31T12:00:00Z";
        }
        return "walker " + name;
    }
  }
}
