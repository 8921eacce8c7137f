package io.vivace.openapi;

import io.vivace.App;
import io.vivace.openapi.impl.Documents;
import io.vivace.openapi.impl.DocsRoutes;
import io.vivace.route.RouteDef;
import java.util.List;

/**
 * The OpenAPI 3.1 document of an app, generated from its routes: each extractor's
 * {@link io.vivace.extract.Extractor#describe() description} (parameters with type, format,
 * default and bounds; the JSON request body; the bearer JWT security scheme and roles; the error
 * statuses, as RFC 9457 problems), each route's metadata ({@link RouteDef#operationId},
 * {@link RouteDef#summary}, {@link RouteDef#tags}, {@link RouteDef#produces(Class)}...), and schemas
 * of records, enums, lists, maps and page envelopes shared under {@code components/schemas}.
 *
 * <p>An app serves it itself ({@link OpenApiOptions}); these methods give it without serving, for
 * export ({@code vivace openapi}) and tests. Built with reflection on record components, so call
 * them at start-up or build time, never per request. Thread-safe.
 */
public final class OpenApi {
  private OpenApi() {
  }

  /** The document of {@code app}'s routes as served (with their groups' guards), as JSON text. */
  public static String json(App app, OpenApiOptions options) {
    return Documents.build(app.servedRoutes(), options, false).encodePrettily();
  }

  /** The same document in YAML. */
  public static String yaml(App app, OpenApiOptions options) {
    return DocsRoutes.yaml(Documents.build(app.servedRoutes(), options, false));
  }

  /**
   * Writes the document of {@code app}'s routes to {@code file} atomically (a temporary file beside
   * it, then moved over it): YAML when the name ends in {@code .yaml} or {@code .yml}, else JSON.
   *
   * @throws java.io.IOException when the folder is missing or not writable; {@code file} is then unchanged
   */
  public static void write(App app, OpenApiOptions options, java.nio.file.Path file) throws java.io.IOException {
    io.vivace.openapi.impl.Export.write(app.servedRoutes(), options, file);
  }

  /**
   * What {@link App#start()} fails with when {@link OpenApiOptions#export()} is set: the document
   * was written and nothing was started. {@link App#run()} exits 0 on it.
   */
  public static final class Exported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param file the file written */
    public Exported(String file) {
      super("the OpenAPI document was written to " + file + "; the app was not started (VIVACE_OPENAPI_EXPORT)", null,
          false, false);
    }
  }

  /** The document of the given routes (taken as served), as JSON text. */
  public static String json(List<RouteDef> routes, OpenApiOptions options) {
    return Documents.build(routes, options, false).encodePrettily();
  }
}
