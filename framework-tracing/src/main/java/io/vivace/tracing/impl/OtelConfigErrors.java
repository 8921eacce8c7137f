package io.vivace.tracing.impl;

import io.vivace.config.ConfigException;
import java.util.Locale;

/**
 * A failure of the SDK's autoconfiguration as Vivace's one-line {@link ConfigException} naming the
 * variable: {@code OTEL_TRACES_SAMPLER_ARG (system property otel.traces.sampler.arg): invalid: ...}.
 * The variable is the first {@code otel.*} property the SDK's messages (its exception's and their
 * causes') name; without one,
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL} for a missing gRPC sender, else {@code OTEL_*}. Runs at start.
 */
final class OtelConfigErrors {
  private OtelConfigErrors() {
  }

  static ConfigException of(RuntimeException e) {
    String message = messages(e);
    String property = property(message);
    if (property == null && message.contains("GrpcSender")) {
      return new ConfigException("OTEL_EXPORTER_OTLP_PROTOCOL (system property otel.exporter.otlp.protocol): grpc "
          + "needs a gRPC sender on the class path (io.opentelemetry:opentelemetry-exporter-sender-okhttp), "
          + "or use http/protobuf: " + oneLine(message));
    }
    if (property == null) {
      return new ConfigException("OTEL_* (OpenTelemetry autoconfiguration): invalid: " + oneLine(message));
    }
    return new ConfigException(environmentName(property) + " (system property " + property + "): invalid: "
        + oneLine(message));
  }

  /** The messages of {@code e} and its causes, each once, joined by {@code ": "}. */
  static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      String m = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
      if (b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : ": ").append(m);
      }
    }
    return b.toString();
  }

  /** The first {@code otel.} property named in {@code message}, or null. */
  static String property(String message) {
    int at = message.indexOf("otel.");
    while (at > 0 && isNamePart(message.charAt(at - 1))) { // "hotel.x" is no property
      at = message.indexOf("otel.", at + 1);
    }
    if (at < 0) {
      return null;
    }
    int end = at;
    while (end < message.length() && (isNamePart(message.charAt(end)) || message.charAt(end) == '.')) {
      end++;
    }
    while (end > at && message.charAt(end - 1) == '.') { // the sentence's full stop
      end--;
    }
    return message.substring(at, end);
  }

  /** {@code otel.traces.sampler.arg} → {@code OTEL_TRACES_SAMPLER_ARG} (the specification's mapping). */
  static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
