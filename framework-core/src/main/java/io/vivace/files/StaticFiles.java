package io.vivace.files;

import io.vertx.core.http.HttpHeaders;
import io.vivace.files.impl.ClasspathRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Static files under a URL prefix, declared with {@code app.files("/assets", StaticFiles.folder(dir))}:
 * a folder on disk, or a folder of the class path (extracted once at start when it is inside a jar).
 *
 * <p>What every answer does:
 * <ul>
 *   <li>the file goes out with {@code sendfile} (zero copy on plain HTTP/1.1), never read into memory;</li>
 *   <li>a strong {@code ETag} (the file's size and modification time) and {@code Last-Modified};
 *       {@code If-None-Match} / {@code If-Modified-Since} → {@code 304} (RFC 9110 §13);</li>
 *   <li>{@code Range: bytes=...} → {@code 206} with one part, or {@code multipart/byteranges} for
 *       several (RFC 9110 §14; at most {@value #MAX_RANGES} ranges of at most
 *       {@value #MAX_MULTIPART_BYTES} bytes in all, else the whole file); {@code If-Range} honoured;
 *       unsatisfiable → {@code 416};</li>
 *   <li>a {@code .br} or {@code .gz} sibling (precompressed at build time) is sent instead when
 *       {@code Accept-Encoding} allows it, with {@code Content-Encoding} and
 *       {@code Vary: Accept-Encoding};</li>
 *   <li>{@code Cache-Control} from a preset ({@link #noCache()} by default, {@link #immutable()} for
 *       content-hashed names, {@link #maxAge});</li>
 *   <li>a folder's {@code index.html}; with {@link #spaFallback} a missing path that looks like a
 *       page (no file extension) gets the app's page, for client-side routing;</li>
 *   <li>{@code 404} for anything that is not a regular file inside the root: {@code ..} or {@code .}
 *       segments (also percent-encoded), backslashes, NUL, hidden names (a segment starting with
 *       {@code .}), and symbolic links that lead out of the root.</li>
 * </ul>
 * Files are looked up off the event loop; what is found is kept {@link #metadataCache} long (one
 * second by default), so a changed file is seen within that time. Immutable: each method returns a
 * new instance. Thread-safe.
 */
public final class StaticFiles {
  /** The most ranges served as {@code multipart/byteranges}; more: the whole file. */
  public static final int MAX_RANGES = 16;
  /** The most bytes served as {@code multipart/byteranges} (they are read into memory); more: the whole file. */
  public static final int MAX_MULTIPART_BYTES = 1 << 20;
  /** {@code public, max-age=31536000, immutable}: for names that change when the content does. */
  public static final CharSequence IMMUTABLE = HttpHeaders.createOptimized("public, max-age=31536000, immutable");
  /** {@code no-cache}: caches keep the file but revalidate it (a cheap 304) before each reuse. */
  public static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

  private final Path folder;
  private final String classpathFolder;
  private final CharSequence cacheControl;
  private final String index;
  private final String fallback;
  private final boolean precompressed;
  private final Duration metadataCache;

  private StaticFiles(Path folder, String classpathFolder, CharSequence cacheControl, String index, String fallback,
      boolean precompressed, Duration metadataCache) {
    this.folder = folder;
    this.classpathFolder = classpathFolder;
    this.cacheControl = cacheControl;
    this.index = index;
    this.fallback = fallback;
    this.precompressed = precompressed;
    this.metadataCache = metadataCache;
  }

  /** The files under {@code folder} (which must exist when the app starts). */
  public static StaticFiles folder(Path folder) {
    return new StaticFiles(Objects.requireNonNull(folder, "folder"), null, NO_CACHE, "index.html", null, true,
        Duration.ofSeconds(1));
  }

  /**
   * The files under {@code folder} of the class path, e.g. {@code "public"} for
   * {@code src/main/resources/public}; inside a jar they are extracted to a temporary folder at
   * start (deleted at stop).
   */
  public static StaticFiles classpath(String folder) {
    return new StaticFiles(null, ClasspathRoot.check(folder), NO_CACHE, "index.html", null, true, Duration.ofSeconds(1));
  }

  /** {@code Cache-Control: public, max-age=31536000, immutable} (RFC 8246), for content-hashed names. */
  public StaticFiles immutable() {
    return cacheControl(IMMUTABLE);
  }

  /** {@code Cache-Control: no-cache} (the default): revalidated with the ETag before each reuse. */
  public StaticFiles noCache() {
    return cacheControl(NO_CACHE);
  }

  /** {@code Cache-Control: public, max-age=N} (whole seconds). */
  public StaticFiles maxAge(Duration maxAge) {
    return cacheControl(io.vivace.httpcache.CacheControl.publicMaxAge(maxAge));
  }

  /** Any {@code Cache-Control} value, e.g. from {@link io.vivace.httpcache.CacheControl}. */
  public StaticFiles cacheControl(CharSequence value) {
    return new StaticFiles(folder, classpathFolder, Objects.requireNonNull(value, "value"), index, fallback,
        precompressed, metadataCache);
  }

  /** The file a folder's URL serves ({@code index.html} by default); null: none (404). */
  public StaticFiles index(String name) {
    return new StaticFiles(folder, classpathFolder, cacheControl, name, fallback, precompressed, metadataCache);
  }

  /**
   * For single-page apps: a missing path whose last segment has no extension ({@code /app/users/7})
   * gets {@code file} (e.g. {@code "index.html"}, relative to the root) with {@code Cache-Control:
   * no-cache}; a missing {@code /app/logo.png} is still 404.
   */
  public StaticFiles spaFallback(String file) {
    return new StaticFiles(folder, classpathFolder, cacheControl, index, Objects.requireNonNull(file, "file"),
        precompressed, metadataCache);
  }

  /** Whether {@code .br} / {@code .gz} siblings are looked for (default true). */
  public StaticFiles precompressed(boolean on) {
    return new StaticFiles(folder, classpathFolder, cacheControl, index, fallback, on, metadataCache);
  }

  /** How long what a lookup found is reused (default 1 s; zero: every request looks). */
  public StaticFiles metadataCache(Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("metadataCache must not be negative: " + ttl);
    }
    return new StaticFiles(folder, classpathFolder, cacheControl, index, fallback, precompressed, ttl);
  }

  /** The folder on disk, or null for a class-path folder. */
  public Path folder() { return folder; }

  /** The class-path folder, or null. */
  public String classpathFolder() { return classpathFolder; }

  public CharSequence cacheControl() { return cacheControl; }

  /** The index file's name, or null. */
  public String index() { return index; }

  /** The single-page app's fallback file, or null. */
  public String spaFallback() { return fallback; }

  public boolean precompressed() { return precompressed; }

  public Duration metadataCache() { return metadataCache; }
}
