package io.vivace.examples.hello.docs;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import io.vivace.observe.ClientAddress;
import io.vivace.observe.ObserveOptions;
import io.vivace.observe.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code docs/logging.md quotes (tagged regions, checked by {@code DocsSnippetsTest}). */
public final class ObservabilitySnippets {
  private ObservabilitySnippets() {
  }

  static App observe() {
    // tag::observe[]
    App app = Vivace.app(new VivaceOptions().observe(new ObserveOptions()
        .accessLog(ObserveOptions.AccessLog.JSON)         // COMMON, JSON; OFF by default
        .trustedProxies("10.0.0.0/8", "fd00::/8")));      // whose Forwarded / X-Forwarded-For count
    Logger log = LoggerFactory.getLogger("whoami");
    app.get("/whoami", ClientAddress.extractor(), ip -> {
      log.info("asked by {}", ip);                        // this line carries request_id
      return "you are " + ip + ", request " + RequestIds.current();
    });
    // end::observe[]
    return app;
  }
}
