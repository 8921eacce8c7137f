package io.vivace.json.impl;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;

/**
 * The DSL-JSON instance behind {@link io.vivace.json.Json}: the converters generated at compile
 * time, found through the service loader of one class loader (and by DSL-JSON's naming rule in it).
 * In a JVM that runs one app this is the framework's own loader, for the life of the process. A
 * host that reloads the app with a new class loader per version ({@code vivace dev}, through
 * {@link io.vivace.impl.Hosted}) replaces the instance with one over that loader before the version
 * starts, since DSL-JSON caches converters by class and remembers classes it looked up by name; the
 * old instance, with the old version's classes, is then left to the collector. Thread-safe.
 */
public final class Converters {
  private static volatile DslJson<Object> current = over(Converters.class.getClassLoader());

  private Converters() {
  }

  /** The instance in use. */
  public static DslJson<Object> dsl() {
    return current;
  }

  /**
   * Replaces the instance with one over {@code loader} (it delegates to the framework's loader, so the
   * framework's own converters stay found). For a host, before the next version of the app starts.
   */
  public static void use(ClassLoader loader) {
    current = over(loader);
  }

  private static DslJson<Object> over(ClassLoader loader) {
    return new DslJson<>(new DslJson.Settings<>()
        .includeServiceLoader(loader)
        .withJavaConverters(true)
        .errorInfo(JsonReader.ErrorInfo.DESCRIPTION_AND_POSITION));
  }
}
