package io.vivace;

import io.vivace.config.VivaceOptions;
import io.vivace.impl.AppImpl;

/** Entry point: {@code Vivace.app()} creates an application to declare routes on. */
public final class Vivace {
  private Vivace() {
  }

  /**
   * An app configured from the environment and system properties when it starts
   * ({@link VivaceOptions#fromEnvironment()}).
   */
  public static App app() {
    return new AppImpl(null);
  }

  /** An app with the given options (the environment is not read). */
  public static App app(VivaceOptions options) {
    return new AppImpl(java.util.Objects.requireNonNull(options, "options"));
  }
}
