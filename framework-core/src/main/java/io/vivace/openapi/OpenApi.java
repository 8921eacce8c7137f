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

  /** The document of the given routes (taken as served), as JSON text. */
  public static String json(List<RouteDef> routes, OpenApiOptions options) {
    return Documents.build(routes, options, false).encodePrettily();
  }
}
