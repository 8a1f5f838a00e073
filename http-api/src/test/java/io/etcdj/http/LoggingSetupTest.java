package io.etcdj.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LoggingSetupTest {
  @Test void rootLevelIsNamedByTheSettingInAnyCaseAndInfoOtherwise() {
    assertThat(LoggingSetup.rootLevel("debug")).isEqualTo(Level.DEBUG);
    assertThat(LoggingSetup.rootLevel(" WARN ")).isEqualTo(Level.WARN);
    assertThat(LoggingSetup.rootLevel(null)).isEqualTo(Level.INFO);
    assertThat(LoggingSetup.rootLevel("")).isEqualTo(Level.INFO);
    assertThat(LoggingSetup.rootLevel("loud")).isEqualTo(Level.INFO);
  }

  @Test void configuresStderrWithEtcdjsPatternAndQuietLibraries() {
    LoggerContext context = new LoggerContext();
    LoggingSetup setup = new LoggingSetup();
    setup.setContext(context);
    assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
      assertThat(appender.getTarget()).isEqualTo("System.err");
      assertThat(appender.isStarted()).isTrue();
      assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern()).isEqualTo(LoggingSetup.PATTERN);
    });
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.rocksdb").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.etcdj.server").isInfoEnabled()).isEqualTo(root.getLevel().toInt() <= Level.INFO_INT);
    context.stop();
  }

  @Test void isWhatLogbackUsesForTheMember() {
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory()).isInstanceOfSatisfying(LoggerContext.class,
        context -> assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull());
  }
}
