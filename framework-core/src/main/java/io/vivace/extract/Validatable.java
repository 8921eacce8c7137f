package io.vivace.extract;

/**
 * A request body that checks itself after it is parsed. {@link Body#json} calls
 * {@link #validate} and, when it recorded any error, answers 422 listing them all. Called on the
 * event loop: keep it to checks on the value itself.
 */
public interface Validatable {

  /** Records every problem of this value in {@code v}. */
  void validate(Validation v);
}
