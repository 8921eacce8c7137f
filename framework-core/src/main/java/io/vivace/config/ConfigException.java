package io.vivace.config;

/**
 * An invalid configuration value. The message is one line that names the setting, says what it
 * expects and shows the value it got, for example
 * {@code PORT (system property vivace.port): expected an integer between 0 and 65535, got "abc"}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
