package io.vivace.compression;

import io.vivace.compression.impl.ContentTypes;
import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.util.List;

/**
 * Response compression: {@code gzip} and {@code deflate} content codings (RFC 9110 §8.4.1) chosen
 * from the request's {@code Accept-Encoding} (its q-values honoured: {@code q=0} refuses a coding;
 * {@code identity} or no header gets the body as is), done by Vert.x's Netty pipeline as the
 * response goes out. A response is compressed only when all of these hold:
 * <ul>
 *   <li>its {@code Content-Type} is one of {@link #contentTypes()} ({@code text/*} matches any
 *       text type; parameters such as {@code charset} are ignored);</li>
 *   <li>its body is written at once and has at least {@link #minSizeBytes()} bytes (a streamed,
 *       chunked body is compressed whatever its size);</li>
 *   <li>it has no {@code Content-Encoding} yet ({@code Content-Encoding: identity} set by a handler
 *       opts a response out, and is removed before it is sent);</li>
 *   <li>its status is not 1xx, 204 or 304 and the request was not {@code HEAD}.</li>
 * </ul>
 * Compressible responses carry {@code Vary: Accept-Encoding}. Already-compressed types (images
 * other than SVG, audio, video, archives, web fonts) are refused in {@link #contentTypes(List)}.
 * Entity tags are left as they are. With h2c on, HTTP/2 and upgraded connections use Vert.x's own
 * compressor: same level and minimum size, every content type.
 *
 * <p>Off by default; on in code ({@code app.compression(options)}) or by
 * {@code VIVACE_COMPRESSION}. Every field has a documented {@code DEFAULT_*} and one
 * {@link Setting} declaration (all in {@link #SETTINGS}). Not thread-safe: configure, then start.
 */
public final class CompressionOptions {
  /** Whether responses are compressed: {@value}. Environment {@code VIVACE_COMPRESSION}. */
  public static final boolean DEFAULT_ENABLED = false;
  /** Smallest body compressed, bytes: {@value} (below it the coding costs more than it saves). Environment {@code VIVACE_COMPRESSION_MIN_SIZE}. */
  public static final int DEFAULT_MIN_SIZE_BYTES = 1024;
  /** zlib level, 1 (fastest) to 9 (smallest): {@value}. Environment {@code VIVACE_COMPRESSION_LEVEL}. */
  public static final int DEFAULT_LEVEL = 6;
  /** Content types compressed. Environment {@code VIVACE_COMPRESSION_TYPES}. */
  public static final List<String> DEFAULT_CONTENT_TYPES = List.of("text/*", "application/json",
      "application/problem+json", "application/x-ndjson", "application/javascript", "application/xml", "image/svg+xml");

  /** {@code VIVACE_COMPRESSION}. */
  public static final Setting<Boolean> ENABLED = Setting.bool("VIVACE_COMPRESSION", "enabled", DEFAULT_ENABLED,
      "compress responses (gzip, deflate) for clients whose `Accept-Encoding` allows it");
  /** {@code VIVACE_COMPRESSION_MIN_SIZE}. */
  public static final Setting<Integer> MIN_SIZE = Setting.integer("VIVACE_COMPRESSION_MIN_SIZE", "minSizeBytes",
      DEFAULT_MIN_SIZE_BYTES, 0, Integer.MAX_VALUE, "smallest response body compressed, bytes (streamed bodies: any size)");
  /** {@code VIVACE_COMPRESSION_LEVEL}. */
  public static final Setting<Integer> LEVEL = Setting.integer("VIVACE_COMPRESSION_LEVEL", "level", DEFAULT_LEVEL, 1, 9,
      "zlib compression level, 1 fastest to 9 smallest");
  /** {@code VIVACE_COMPRESSION_TYPES}. */
  public static final Setting<List<String>> CONTENT_TYPES = Setting.list("VIVACE_COMPRESSION_TYPES", "contentTypes",
      DEFAULT_CONTENT_TYPES, "media types (type/subtype or type/*) that are not already compressed", ContentTypes::isCompressible,
      "content types compressed (`type/*` matches a whole type); already-compressed types are refused");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final List<Setting<?>> SETTINGS = List.of(ENABLED, MIN_SIZE, LEVEL, CONTENT_TYPES);

  private boolean enabled = DEFAULT_ENABLED;
  private int minSizeBytes = DEFAULT_MIN_SIZE_BYTES;
  private int level = DEFAULT_LEVEL;
  private List<String> contentTypes = DEFAULT_CONTENT_TYPES;

  /** Options read from system properties and the environment; defaults for what is unset. */
  public static CompressionOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}; defaults for what is unset.
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static CompressionOptions from(Config config) {
    CompressionOptions o = new CompressionOptions();
    o.enabled = ENABLED.read(config);
    o.minSizeBytes = MIN_SIZE.read(config);
    o.level = LEVEL.read(config);
    o.contentTypes = CONTENT_TYPES.read(config);
    return o;
  }

  public boolean enabled() { return enabled; }

  public CompressionOptions enabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  /** Smallest body compressed, bytes. */
  public int minSizeBytes() { return minSizeBytes; }

  /** @param bytes 0 or more */
  public CompressionOptions minSizeBytes(int bytes) {
    this.minSizeBytes = MIN_SIZE.check(bytes);
    return this;
  }

  /** zlib level. */
  public int level() { return level; }

  /** @param level 1 (fastest) to 9 (smallest) */
  public CompressionOptions level(int level) {
    this.level = LEVEL.check(level);
    return this;
  }

  public List<String> contentTypes() { return contentTypes; }

  /**
   * @param types media types ({@code type/subtype}) or whole types ({@code text/*}); an
   *     already-compressed one ({@code image/png}, {@code image/*}, {@code application/zip}...) is
   *     refused with an {@link IllegalArgumentException}
   */
  public CompressionOptions contentTypes(List<String> types) {
    this.contentTypes = CONTENT_TYPES.check(List.copyOf(types));
    return this;
  }
}
