package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.Setting;
import io.vivace.observe.ObserveOptions;

/**
 * The default Logback set-up of every Vivace app that has Logback and no configuration file of
 * its own ({@code logback.xml}, {@code logback-test.xml} or {@code -Dlogback.configurationFile}:
 * then this does nothing and Logback reads the file). Found by Logback through
 * {@link java.util.ServiceLoader}. It sets:
 * <ul>
 *   <li>the root logger at {@code VIVACE_LOG_LEVEL}, to standard output through a
 *       {@link RequestIdAsyncAppender} (asynchronous, never blocking: a full queue drops events),
 *       as readable text or, with {@code VIVACE_LOG_FORMAT=json}, Logback's {@link JsonEncoder};
 *       both carry the request id as {@code request_id};</li>
 *   <li>the access log ({@code io.vivace.access}) at INFO, through a {@link BatchingConsoleAppender}
 *       writing each line as is (Common Log Format or JSON, made by the server) in batches, one
 *       write every {@value BatchingConsoleAppender#DEFAULT_FLUSH_INTERVAL_MS} ms at most;</li>
 *   <li>Netty and Vert.x internals at WARN, Flyway's per-statement chatter at WARN.</li>
 * </ul>
 * A bad value of a logging setting falls back to its default here; the app's start then fails on
 * it with a {@link ConfigException} naming the setting.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class VivaceLogbackConfigurator extends ContextAwareBase implements Configurator {
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %requestId%msg%n";
  /** Events an asynchronous appender holds before it drops (never blocking the caller). */
  static final int QUEUE_SIZE = 8192;

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (hasOwnConfiguration(VivaceLogbackConfigurator.class.getClassLoader())) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    java.util.Map<String, java.util.function.Supplier<ch.qos.logback.core.pattern.DynamicConverter<?>>> rules =
        new java.util.HashMap<>();
    rules.put("requestId", RequestIdConverter::new);
    ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    Config config = Config.system();
    ObserveOptions.LogFormat format = lenient(ObserveOptions.LOG_FORMAT, config);
    String level = lenient(ObserveOptions.LOG_LEVEL, config);

    ConsoleAppender<ILoggingEvent> console = console(ctx, "CONSOLE",
        format == ObserveOptions.LogFormat.JSON ? json(ctx) : pattern(ctx, TEXT_PATTERN));
    RequestIdAsyncAppender async = new RequestIdAsyncAppender();
    start(ctx, "ASYNC", async, console);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(async);

    BatchingConsoleAppender accessBatches = new BatchingConsoleAppender();
    accessBatches.setContext(ctx);
    accessBatches.setName("ACCESS");
    accessBatches.setEncoder(pattern(ctx, "%msg%n"));
    accessBatches.start();
    Logger access = ctx.getLogger("io.vivace.access");
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(accessBatches);

    ctx.getLogger("io.netty").setLevel(Level.WARN);
    ctx.getLogger("io.vertx").setLevel(Level.WARN);
    ctx.getLogger("org.flywaydb.core.internal").setLevel(Level.WARN);
    Runtime.getRuntime().addShutdownHook(new Thread(ctx::stop, "vivace-log-flush"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Whether the app configures Logback itself: a configuration file property, or one on {@code cl}'s class path. */
  static boolean hasOwnConfiguration(ClassLoader cl) {
    if (System.getProperty("logback.configurationFile") != null) {
      return true;
    }
    return cl.getResource("logback-test.xml") != null || cl.getResource("logback.xml") != null;
  }

  private static <T> T lenient(Setting<T> setting, Config config) {
    try {
      return setting.read(config);
    } catch (ConfigException e) {
      return setting.defaultValue();
    }
  }

  private static void start(LoggerContext ctx, String name, AsyncAppenderBase<ILoggingEvent> async,
      ConsoleAppender<ILoggingEvent> target) {
    async.setContext(ctx);
    async.setName(name);
    async.setQueueSize(QUEUE_SIZE);
    async.setDiscardingThreshold(0); // keep every level until the queue is full
    async.setNeverBlock(true);
    async.addAppender(target);
    async.start();
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, String name, Encoder<ILoggingEvent> encoder) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName(name);
    console.setEncoder(encoder);
    console.start();
    return console;
  }

  private static Encoder<ILoggingEvent> pattern(LoggerContext ctx, String pattern) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern(pattern);
    e.start();
    return e;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
    JsonEncoder e = new JsonEncoder();
    e.setContext(ctx);
    e.setWithSequenceNumber(false);
    e.setWithNanoseconds(false);
    e.setWithContext(false);
    e.setWithArguments(false);
    e.setWithMessage(false);
    e.setWithFormattedMessage(true);
    e.start();
    return e;
  }
}
