package io.etcdj.http.keys;

/**
 * A request form or URL Go's net/http would reject; the message is Go's error text, which etcd
 * shows as the cause of error 210. Stackless: it is an expected outcome of bad input.
 */
final class MalformedFormException extends Exception {
  MalformedFormException(String goMessage) {
    super(goMessage, null, false, false);
  }
}
