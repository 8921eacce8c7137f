package io.vivace.loadtests.baseline;

/**
 * A Fortune row, rendered by {@code src/main/jte/fortunes.jte} (the techempower example's template).
 *
 * @param id the row id
 * @param message the text, HTML-escaped by the template
 */
public record Fortune(int id, String message) {
}
