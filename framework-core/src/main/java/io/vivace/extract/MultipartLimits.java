package io.vivace.extract;

import java.nio.file.Path;

/**
 * The bounds of a {@code multipart/form-data} body ({@link Body#multipart(MultipartLimits)}): bytes
 * per file part, bytes in all, and parts in all; each exceeded → {@code 413} naming the part (the
 * rest of the body is not stored, the connection is closed after the answer). Text fields are
 * bounded by Vert.x's form limits (8,192 bytes each, 256 fields). Immutable; each method returns a
 * new instance.
 */
public final class MultipartLimits {
  /** Bytes per file part: {@value} (10 MiB). */
  public static final long DEFAULT_MAX_FILE_SIZE = 10L << 20;
  /** Bytes of the whole body: {@value} (50 MiB). */
  public static final long DEFAULT_MAX_TOTAL_SIZE = 50L << 20;
  /** Parts (files and fields): {@value}. */
  public static final int DEFAULT_MAX_PARTS = 32;

  private final long maxFileSize;
  private final long maxTotalSize;
  private final int maxParts;
  private final Path tempDir;

  private MultipartLimits(long maxFileSize, long maxTotalSize, int maxParts, Path tempDir) {
    if (maxFileSize < 1 || maxTotalSize < 1 || maxParts < 1) {
      throw new IllegalArgumentException("multipart limits must be at least 1");
    }
    this.maxFileSize = maxFileSize;
    this.maxTotalSize = maxTotalSize;
    this.maxParts = maxParts;
    this.tempDir = tempDir;
  }

  /** The defaults; temporary files in {@code java.io.tmpdir}. */
  public static MultipartLimits defaults() {
    return new MultipartLimits(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_TOTAL_SIZE, DEFAULT_MAX_PARTS, null);
  }

  /** @param bytes the most bytes of one file part, at least 1 */
  public MultipartLimits maxFileSize(long bytes) {
    return new MultipartLimits(bytes, maxTotalSize, maxParts, tempDir);
  }

  /** @param bytes the most bytes of the whole body, at least 1 */
  public MultipartLimits maxTotalSize(long bytes) {
    return new MultipartLimits(maxFileSize, bytes, maxParts, tempDir);
  }

  /** @param parts the most parts (files and text fields), at least 1 */
  public MultipartLimits maxParts(int parts) {
    return new MultipartLimits(maxFileSize, maxTotalSize, parts, tempDir);
  }

  /** @param dir where temporary files go (must exist); null: {@code java.io.tmpdir} */
  public MultipartLimits tempDir(Path dir) {
    return new MultipartLimits(maxFileSize, maxTotalSize, maxParts, dir);
  }

  public long maxFileSize() { return maxFileSize; }

  public long maxTotalSize() { return maxTotalSize; }

  public int maxParts() { return maxParts; }

  /** The folder of temporary files, or null for {@code java.io.tmpdir}. */
  public Path tempDir() { return tempDir; }
}
