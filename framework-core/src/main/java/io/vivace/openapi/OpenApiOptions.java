package io.vivace.openapi;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;
import java.util.Objects;

/**
 * Serving of the app's OpenAPI 3.1 document and its docs UI. On by default (off by default with
 * {@code VIVACE_PROFILE=prod}, unless {@code VIVACE_OPENAPI} is set): an app with routes
 * answers {@code GET /openapi.json} (the document, built once at start-up), {@code GET /openapi.yaml}
 * (the same in YAML) and {@code GET /docs} (Swagger UI from the bundled webjar; it loads nothing
 * from another host). {@code VIVACE_OPENAPI=false} turns all of them off (404); the paths move with
 * {@code VIVACE_OPENAPI_PATH} and {@code VIVACE_OPENAPI_DOCS_PATH}; {@code VIVACE_OPENAPI_SERVE}
 * serves them on the management server ({@code VIVACE_MANAGEMENT_PORT}) instead of the app's port,
 * by default when there is one; {@code VIVACE_OPENAPI_EXPORT} writes the document to a file and
 * starts nothing ({@code vivace openapi}). Every field has a documented
 * {@code DEFAULT_*} and one {@link Setting} declaration (all in {@link #SETTINGS}). Not thread-safe:
 * configure, then start.
 */
public final class OpenApiOptions {
  /**
   * Whether the document and the docs UI are served: {@value} ({@code false} when unset under
   * {@code VIVACE_PROFILE=prod}). Environment {@code VIVACE_OPENAPI}.
   */
  public static final boolean DEFAULT_ENABLED = true;
  /** Path of the document without extension: {@value} ({@code .json} and {@code .yaml} are served). Environment {@code VIVACE_OPENAPI_PATH}. */
  public static final String DEFAULT_PATH = "/openapi";
  /** Path of the docs UI: {@value}. Environment {@code VIVACE_OPENAPI_DOCS_PATH}. */
  public static final String DEFAULT_DOCS_PATH = "/docs";
  /** The document's {@code info.title}: {@value}. Environment {@code VIVACE_OPENAPI_TITLE}. */
  public static final String DEFAULT_TITLE = "Vivace API";
  /** The document's {@code info.version}: {@value}. Environment {@code VIVACE_OPENAPI_VERSION}. */
  public static final String DEFAULT_VERSION = "1.0.0";

  /**
   * Where the document and the UI are served: {@value}, i.e. on the management server when
   * {@code VIVACE_MANAGEMENT_PORT} is set (a deployment that keeps operations off the public port
   * keeps its API description there too), else on the app's port. Environment
   * {@code VIVACE_OPENAPI_SERVE}.
   */
  public static final String DEFAULT_SERVE = "auto";

  /** {@code VIVACE_OPENAPI}. */
  public static final Setting<Boolean> ENABLED = Setting.bool("VIVACE_OPENAPI", "enabled", DEFAULT_ENABLED,
      "serve the OpenAPI 3.1 document (`.json`, `.yaml`) and the docs UI; `false` answers 404 for all of them");
  /** {@code VIVACE_OPENAPI_PATH}. */
  public static final Setting<String> PATH = Setting.of("VIVACE_OPENAPI_PATH", "path", DEFAULT_PATH,
      "a path such as /openapi", raw -> raw, OpenApiOptions::isPath,
      "path of the document without extension: `.json` and `.yaml` are served");
  /** {@code VIVACE_OPENAPI_DOCS_PATH}. */
  public static final Setting<String> DOCS_PATH = Setting.of("VIVACE_OPENAPI_DOCS_PATH", "docsPath", DEFAULT_DOCS_PATH,
      "a path such as /docs", raw -> raw, OpenApiOptions::isPath, "path of the docs UI (Swagger UI, served from the bundled webjar)");
  /** {@code VIVACE_OPENAPI_TITLE}. */
  public static final Setting<String> TITLE = Setting.string("VIVACE_OPENAPI_TITLE", "title", DEFAULT_TITLE,
      "the document's `info.title`");
  /** {@code VIVACE_OPENAPI_VERSION}. */
  public static final Setting<String> VERSION = Setting.string("VIVACE_OPENAPI_VERSION", "version", DEFAULT_VERSION,
      "the document's `info.version` (the API's version, not OpenAPI's)");

  /** {@code VIVACE_OPENAPI_SERVE}. */
  public static final Setting<String> SERVE = Setting.of("VIVACE_OPENAPI_SERVE", "serve", DEFAULT_SERVE,
      "auto, app or management", raw -> raw.trim().toLowerCase(java.util.Locale.ROOT),
      v -> v != null && List.of("auto", "app", "management").contains(v),
      "where the document and the docs UI are served: `app` (the app's port), `management` (only on "
          + "`VIVACE_MANAGEMENT_PORT`'s server, which must be set), `auto`: the management server when there is one");

  /** {@code VIVACE_OPENAPI_EXPORT}: none by default (the app starts as usual). */
  public static final Setting<String> EXPORT = Setting.string("VIVACE_OPENAPI_EXPORT", "export", null,
      "write the document to this file (YAML when it ends in `.yaml` or `.yml`, else JSON) and exit 0 without "
          + "starting anything (what `vivace openapi` sets)");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(ENABLED, SERVE, PATH, DOCS_PATH, TITLE, VERSION, EXPORT);

  private boolean enabled = DEFAULT_ENABLED;
  private String path = DEFAULT_PATH;
  private String docsPath = DEFAULT_DOCS_PATH;
  private String title = DEFAULT_TITLE;
  private String version = DEFAULT_VERSION;
  private String export;
  private String serve = DEFAULT_SERVE;

  /** Options read from system properties and the environment; defaults for what is unset. */
  public static OpenApiOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}; defaults for what is unset.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static OpenApiOptions from(Config config) {
    OpenApiOptions o = new OpenApiOptions();
    // VIVACE_PROFILE=prod: off unless VIVACE_OPENAPI says otherwise (an API description is
    // reconnaissance for an attacker when nobody meant to publish it)
    boolean prod = "prod".equals(io.vivace.config.VivaceOptions.PROFILE.read(config));
    o.enabled = prod && config.raw(ENABLED.env()) == null ? false : ENABLED.read(config);
    o.path = PATH.read(config);
    o.docsPath = DOCS_PATH.read(config);
    o.title = TITLE.read(config);
    o.version = VERSION.read(config);
    o.export = EXPORT.read(config);
    o.serve = SERVE.read(config);
    return o;
  }

  static boolean isPath(String p) {
    if (p == null || p.length() < 2 || p.charAt(0) != '/' || p.endsWith("/")) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && "/-._~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  public boolean enabled() { return enabled; }

  /** Whether to serve; false answers 404 on every path of this feature. */
  public OpenApiOptions enabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public String path() { return path; }

  /** @param path a path without extension such as {@code /openapi} */
  public OpenApiOptions path(String path) {
    this.path = check(path);
    return this;
  }

  public String docsPath() { return docsPath; }

  /** @param docsPath a path such as {@code /docs} */
  public OpenApiOptions docsPath(String docsPath) {
    this.docsPath = check(docsPath);
    return this;
  }

  public String title() { return title; }

  public OpenApiOptions title(String title) {
    this.title = Objects.requireNonNull(title, "title");
    return this;
  }

  public String version() { return version; }

  public OpenApiOptions version(String version) {
    this.version = Objects.requireNonNull(version, "version");
    return this;
  }

  /** {@code auto}, {@code app} or {@code management}: where the document and the UI are served. */
  public String serve() { return serve; }

  /**
   * @param serve {@code auto} (the management server when there is one, else the app's port),
   *     {@code app} or {@code management} (the start fails without {@code VIVACE_MANAGEMENT_PORT})
   */
  public OpenApiOptions serve(String serve) {
    if (!List.of("auto", "app", "management").contains(serve)) {
      throw new IllegalArgumentException("serve must be auto, app or management: '" + serve + "'");
    }
    this.serve = serve;
    return this;
  }

  /**
   * Whether to serve on the management server, given whether there is one ({@code managementPort > 0}).
   *
   * @throws io.vivace.config.ConfigException naming {@code VIVACE_OPENAPI_SERVE} for {@code management}
   *     without a management server
   */
  public boolean onManagement(boolean hasManagementServer) {
    if (serve.equals("management") && !hasManagementServer) {
      throw new io.vivace.config.ConfigException("VIVACE_OPENAPI_SERVE (system property vivace.openapi-serve): "
          + "management needs VIVACE_MANAGEMENT_PORT, which is not set");
    }
    return serve.equals("management") || serve.equals("auto") && hasManagementServer;
  }

  /** The file {@link io.vivace.App#start()} writes the document to instead of starting, or null (the default). */
  public String export() { return export; }

  /**
   * Makes {@link io.vivace.App#start()} write the document to {@code file} (YAML when it ends in
   * {@code .yaml} or {@code .yml}, else JSON) and fail with {@link OpenApi.Exported} instead of
   * starting; {@link io.vivace.App#run()} then exits 0. Null: start as usual.
   */
  public OpenApiOptions export(String file) {
    this.export = file;
    return this;
  }

  private static String check(String p) {
    if (!isPath(p)) {
      throw new IllegalArgumentException("not a path such as /docs: '" + p + "'");
    }
    return p;
  }
}
