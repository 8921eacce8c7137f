package io.vivace.openapi.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vivace.extract.Path;
import io.vivace.openapi.OpenApiOptions;
import io.vivace.response.Response;
import io.vivace.route.RouteDef;
import io.vivace.route.impl.Endpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The routes that serve the document ({@code .json}, {@code .yaml}) and the docs UI. Everything is
 * built or read once, here, at start-up: per request each route answers a constant
 * {@link Response} (the UI's files from a map by name). The UI is Swagger UI from the
 * {@code org.webjars:swagger-ui} jar; its page points it at the document on this server, so it
 * loads nothing from another host.
 */
public final class DocsRoutes {
  /** The Swagger UI version bundled (the webjar's directory). */
  static final String SWAGGER_UI = "5.34.1";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/" + SWAGGER_UI + "/";
  private static final List<String> ASSETS = List.of("swagger-ui.css", "index.css", "swagger-ui-bundle.js",
      "swagger-ui-standalone-preset.js", "favicon-32x32.png", "favicon-16x16.png");

  private DocsRoutes() {
  }

  /** {@code served} followed by the document's and the UI's routes, or {@code served} when turned off. */
  public static List<RouteDef> with(List<RouteDef> served, OpenApiOptions options) {
    if (!options.enabled() || served.isEmpty()) {
      return served;
    }
    Map<String, Response> files = files(served, options);
    List<RouteDef> all = new ArrayList<>(served);
    for (String exact : List.of(options.path() + ".json", options.path() + ".yaml", options.docsPath())) {
      Response r = files.get(exact);
      if (r != null) {
        all.add(get(exact, Endpoints.of(() -> r)));
      }
    }
    if (files.containsKey(options.docsPath())) {
      String prefix = options.docsPath() + "/";
      all.add(get(prefix + ":file", Endpoints.of(Path.string("file"),
          file -> Optional.ofNullable(files.get(prefix + file)))));
    }
    return all;
  }

  /**
   * Mounts the document and the UI on {@code router} (the management server's) with plain handlers
   * answering bytes read at start-up; nothing when turned off or when there are no routes.
   *
   * @return the routes mounted, as declarations (for {@code Allow})
   */
  public static List<RouteDef> mount(Router router, List<RouteDef> served, OpenApiOptions options) {
    if (!options.enabled() || served.isEmpty()) {
      return List.of();
    }
    List<RouteDef> defs = new ArrayList<>();
    for (Map.Entry<String, Asset> e : assets(served, options).entrySet()) {
      Asset a = e.getValue();
      router.get(e.getKey()).handler(ctx -> {
        HttpServerResponse res = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, a.type());
        if (a.cacheControl() != null) {
          res.putHeader(HttpHeaders.CACHE_CONTROL, a.cacheControl());
        }
        res.end(a.body().copy());
      });
      defs.add(get(e.getKey(), Endpoints.of(() -> null)));
    }
    return defs;
  }

  /** A file served at a path: its bytes, content type and {@code Cache-Control} (null: none). */
  private record Asset(Buffer body, String type, String cacheControl) {
  }

  private static Map<String, Response> files(List<RouteDef> served, OpenApiOptions options) {
    Map<String, Response> files = new HashMap<>();
    assets(served, options).forEach((path, a) -> {
      Response r = Response.bytes(a.body(), a.type());
      files.put(path, a.cacheControl() == null ? r : r.header("Cache-Control", a.cacheControl()));
    });
    return files;
  }

  /** Everything served, by full path: the document in JSON and YAML, the UI's page and files (when the webjar is there). */
  private static Map<String, Asset> assets(List<RouteDef> served, OpenApiOptions options) {
    JsonObject doc = Documents.build(served, options, true);
    Map<String, Asset> all = new LinkedHashMap<>();
    all.put(options.path() + ".json", new Asset(Buffer.buffer(doc.encodePrettily()), "application/json", null));
    all.put(options.path() + ".yaml", new Asset(Buffer.buffer(yaml(doc)), "application/yaml", null));
    Map<String, Asset> ui = ui(options);
    if (!ui.isEmpty()) {
      all.put(options.docsPath(), ui.remove("index.html"));
      ui.forEach((name, a) -> all.put(options.docsPath() + "/" + name, a));
    }
    return all;
  }

  /** The document in YAML 1.2-compatible block style. */
  public static String yaml(JsonObject doc) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setSplitLines(false);
    return new Yaml(o).dump(new JsonObject(doc.encode()).getMap()); // plain maps and lists, no JsonObject tags
  }

  private static RouteDef get(String path, io.vivace.route.Endpoint endpoint) {
    return new RouteDef(HttpMethod.GET, path, endpoint);
  }

  /** The UI's files by name, plus its page ({@code index.html}); empty when the webjar is not found. */
  private static Map<String, Asset> ui(OpenApiOptions options) {
    Map<String, Asset> files = new HashMap<>();
    ClassLoader loader = DocsRoutes.class.getClassLoader();
    for (String name : ASSETS) {
      try (InputStream in = loader.getResourceAsStream(WEBJAR + name)) {
        if (in == null) {
          return Map.of();
        }
        files.put(name, new Asset(Buffer.buffer(in.readAllBytes()), contentType(name), "public, max-age=86400"));
      } catch (IOException e) {
        return Map.of();
      }
    }
    String base = options.docsPath() + "/";
    String init = "window.onload = function () {\n"
        + "  window.ui = SwaggerUIBundle({url: " + jsString(options.path() + ".json") + ", dom_id: '#swagger-ui', deepLinking: true,\n"
        + "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});\n"
        + "};\n";
    files.put("initializer.js", new Asset(Buffer.buffer(init), "text/javascript; charset=utf-8", null));
    String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
        + "<title>" + escape(options.title()) + "</title>\n"
        + "<link rel=\"stylesheet\" href=\"" + base + "swagger-ui.css\">\n"
        + "<link rel=\"stylesheet\" href=\"" + base + "index.css\">\n"
        + "<link rel=\"icon\" type=\"image/png\" href=\"" + base + "favicon-32x32.png\" sizes=\"32x32\">\n"
        + "</head>\n<body>\n<div id=\"swagger-ui\"></div>\n"
        + "<script src=\"" + base + "swagger-ui-bundle.js\"></script>\n"
        + "<script src=\"" + base + "swagger-ui-standalone-preset.js\"></script>\n"
        + "<script src=\"" + base + "initializer.js\"></script>\n"
        + "</body>\n</html>\n";
    files.put("index.html", new Asset(Buffer.buffer(html), "text/html; charset=utf-8", null));
    return files;
  }

  private static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String contentType(String name) {
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".png")) {
      return "image/png";
    }
    return "application/octet-stream";
  }
}
