package io.vivace.extract;

import java.nio.file.Path;

/**
 * One file part of a {@code multipart/form-data} request (RFC 7578), already on disk: a temporary
 * file that Vivace deletes once the response has ended (or the request failed, or the connection
 * closed). To keep it, move or copy it in the handler (off the event loop, or with Vert.x's
 * asynchronous file system).
 *
 * @param field the form field's name
 * @param filename the name the client gave (may be empty; never trust it as a path)
 * @param contentType the part's {@code Content-Type} ({@code application/octet-stream} when absent)
 * @param size bytes written to {@link #path()}
 * @param path the temporary file
 */
public record UploadedFile(String field, String filename, String contentType, long size, Path path) {
}
