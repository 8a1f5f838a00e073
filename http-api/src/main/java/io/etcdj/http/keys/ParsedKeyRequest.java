package io.etcdj.http.keys;

/** The outcome of parsing: a request to serve, or the etcd error to answer with. */
sealed interface ParsedKeyRequest permits ParsedKeyRequest.Valid, ParsedKeyRequest.Invalid {
  record Valid(KeyRequest request) implements ParsedKeyRequest {}

  record Invalid(RequestError error) implements ParsedKeyRequest {}
}
