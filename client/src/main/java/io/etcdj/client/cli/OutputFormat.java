package io.etcdj.client.cli;

/** etcdctl's {@code -o} formats. */
enum OutputFormat { SIMPLE, JSON, EXTENDED }
