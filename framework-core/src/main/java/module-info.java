/**
 * Vivace's HTTP layer: the app, routes, extractors, JSON, problems, responses, pagination, HTTP
 * caching and health. Only the API packages are exported; the packages named {@code impl} are
 * internal and an app that imports one does not compile on the module path.
 *
 * <p>Dependencies that are not modules of their own:
 * <ul>
 *   <li>DSL-JSON 2.0.2 ({@code com.dslplatform:dsl-json}) has no module descriptor and no
 *       {@code Automatic-Module-Name}: it is the automatic module {@code dsl.json}, the name the JDK
 *       derives from its file name. It is required transitively because {@code io.vivace.json.Json}
 *       returns its types. DSL-JSON finds generated converters by name ({@code _T_DslJsonConverter}
 *       beside {@code T}) and instantiates them; they are public classes of the exported packages,
 *       so no {@code opens} is needed.</li>
 *   <li>The strict request decoder extends Vert.x's HTTP/1.x decoder and reaches a connection's
 *       Netty pipeline through {@code io.vertx.core.http.impl} and {@code io.vertx.core.net.impl},
 *       packages {@code io.vertx.core} does not export. On the module path this module is compiled
 *       and must be run with {@code --add-exports io.vertx.core/io.vertx.core.http.impl=io.vivace.core
 *       --add-exports io.vertx.core/io.vertx.core.net.impl=io.vivace.core}; without them the start
 *       fails with a message naming both ({@code VertxInternals}; on the class path, the usual way,
 *       nothing is needed).</li>
 *   <li>Swagger UI ({@code org.webjars:swagger-ui}) has no descriptor nor {@code Automatic-Module-Name}
 *       either: it is the automatic module {@code swagger.ui}. Its files are resources outside any
 *       package, which the docs UI reads through the class loader on either path.</li>
 * </ul>
 *
 * <p>When a package is added to this module, add its {@code exports} here if it is API (never for
 * an {@code impl} package); {@code ModulePathTest} in examples/blog fails until it is.
 */
module io.vivace.core {
  requires transitive io.vertx.core;
  requires transitive io.vertx.web;
  requires transitive dsl.json;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.compression;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;
  requires org.slf4j;
  // /openapi.yaml
  requires org.yaml.snakeyaml;
  // /docs: Swagger UI's files from the org.webjars:swagger-ui jar (META-INF/resources/webjars/...,
  // not a package, so readable by resource lookup once the module is resolved). The jar has no
  // module descriptor nor Automatic-Module-Name: swagger.ui is the name the JDK derives from its
  // file name. Required (not static) so that an app on the module path resolves it and serves /docs,
  // rather than by the JDK's rule that resolving one automatic module (dsl.json) resolves them all.
  requires swagger.ui;
  // Metrics: Metrics.registry returns Micrometer's MeterRegistry; its Prometheus registry renders
  // /metrics. Both are automatic modules (their manifests name them).
  requires transitive micrometer.core;
  requires micrometer.registry.prometheus;
  // The JVM and process meters read the platform MXBeans (jdk.management's for CPU use): required
  // so they are resolved whatever else the app requires.
  requires java.management;
  requires jdk.management;
  // sun.misc.Signal (SIGTERM), looked up reflectively by io.vivace.impl.Signals.
  requires jdk.unsupported;
  // Annotations on Vert.x types, compile time only.
  requires static io.vertx.codegen.api;
  // The default Logback set-up (io.vivace.observe.impl.logback), used when the app brings Logback.
  requires static ch.qos.logback.classic;
  requires static ch.qos.logback.core;

  exports io.vivace;
  exports io.vivace.compression;
  exports io.vivace.config;
  exports io.vivace.cors;
  exports io.vivace.extract;
  exports io.vivace.files;
  exports io.vivace.filter;
  exports io.vivace.headers;
  exports io.vivace.health;
  exports io.vivace.httpcache;
  exports io.vivace.json;
  exports io.vivace.metrics;
  exports io.vivace.observe;
  exports io.vivace.openapi;
  exports io.vivace.pagination;
  exports io.vivace.problem;
  exports io.vivace.response;
  exports io.vivace.route;
  exports io.vivace.sse;
  exports io.vivace.websocket;
  exports io.vivace.tls;

  // Modules map their own failures to problems (framework-db's typed failures).
  uses io.vivace.problem.ProblemMapper;
  // The tracing module (framework-tracing), looked for only when VIVACE_TRACING=true.
  uses io.vivace.observe.TracerProvider;

  // The request id's context-local slots, registered when Vert.x loads its service providers.
  provides io.vertx.core.spi.VertxServiceProvider with io.vivace.observe.impl.ObserveLocals;
  // The default Logback set-up; Logback looks for it only when it is there.
  provides ch.qos.logback.classic.spi.Configurator with io.vivace.observe.impl.logback.VivaceLogbackConfigurator;
}
