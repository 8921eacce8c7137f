package io.vivace.loadtests.gatling.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The published throughput targets ({@code loadtests/targets.json}) for one architecture: each
 * scenario maps to a category ({@code simple}, {@code json-post}, {@code authenticated},
 * {@code database}) whose range the architecture's row gives. Immutable, thread-safe.
 */
public final class Targets {
  /**
   * A published range of requests per second; a result below {@code min} misses the target.
   *
   * @param category the category name in targets.json
   * @param min the low end, req/s
   * @param max the high end, req/s
   * @param approximate true for a figure published as "~N"
   */
  public record Range(String category, double min, double max, boolean approximate) {
    /** {@code 60,000-70,000} or {@code ~85,000}. */
    public String label() {
      if (approximate || min == max) {
        return (approximate ? "~" : "") + String.format(Locale.ROOT, "%,.0f", min);
      }
      return String.format(Locale.ROOT, "%,.0f-%,.0f", min, max);
    }
  }

  private final JsonNode root;
  private final String arch;

  private Targets(JsonNode root, String arch) {
    this.root = root;
    this.arch = arch;
  }

  /**
   * @param file targets.json
   * @param arch {@code x86_64} or {@code aarch64} (also {@code amd64}, {@code arm64}); null for
   *     this JVM's {@code os.arch}
   * @throws IOException when the file cannot be read or parsed
   * @throws IllegalArgumentException when it has no row for the architecture
   */
  public static Targets load(Path file, String arch) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    String a = normalizeArch(arch == null ? System.getProperty("os.arch") : arch);
    if (!root.path("architectures").has(a)) {
      throw new IllegalArgumentException(file + " has no targets for architecture '" + a + "'; it has "
          + root.path("architectures").properties().stream().map(e -> e.getKey()).toList());
    }
    return new Targets(root, a);
  }

  /** {@code amd64}/{@code x64} become {@code x86_64}, {@code arm64} becomes {@code aarch64}. */
  public static String normalizeArch(String arch) {
    String a = arch.trim().toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x64", "x86-64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> a;
    };
  }

  public String arch() {
    return arch;
  }

  /** The row's label, e.g. {@code x86_64 (modern CPU)}. */
  public String label() {
    return row().path("label").asText(arch);
  }

  /** Where the figures come from. */
  public String source() {
    return root.path("source").asText("");
  }

  /** The target of {@code scenarioId} on this architecture, empty when none is published. */
  public Optional<Range> of(String scenarioId) {
    JsonNode category = root.path("scenarios").path(scenarioId);
    if (!category.isTextual()) {
      return Optional.empty();
    }
    JsonNode range = row().path("targets").path(category.asText());
    if (!range.has("min")) {
      return Optional.empty();
    }
    return Optional.of(new Range(category.asText(), range.path("min").asDouble(),
        range.path("max").asDouble(range.path("min").asDouble()), range.path("approximate").asBoolean(false)));
  }

  private JsonNode row() {
    return root.path("architectures").path(arch);
  }
}
