package io.etcdj.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The member's logging, set up in code (found by Logback as a service) rather than from a
 * logback.xml: Joran and the JDK's XML parser load some 600 classes, and reading the file cost a
 * launch about 50 ms more of main-thread CPU than this, class-data archive or not. Lines go to
 * stderr as {@code 2024-01-02 03:04:05.678 INFO  Name: text}; the root level is ETCDJ_LOG_LEVEL
 * (a system property or an environment variable, default INFO); Netty and RocksDB log warnings
 * only. A logback-test.xml on the class path, or
 * -Dlogback.configurationFile, is read by Logback as usual instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

  @Override public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LoggingSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("org.rocksdb").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel(System.getProperty("ETCDJ_LOG_LEVEL", System.getenv("ETCDJ_LOG_LEVEL"))));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root level ETCDJ_LOG_LEVEL names (any case), INFO when it is unset or names no level. */
  static Level rootLevel(String setting) {
    return setting == null || setting.isBlank() ? Level.INFO : Level.toLevel(setting.trim(), Level.INFO);
  }
}
