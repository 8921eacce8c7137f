package io.vivace.loadtests.baseline;

/**
 * A Fortune row, rendered by {@link FortunesPage} (the bytes of the techempower example's template).
 *
 * @param id the row id
 * @param message the text, HTML-escaped when rendered
 */
public record Fortune(int id, String message) {
}
