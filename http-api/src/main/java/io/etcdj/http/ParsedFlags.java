package io.etcdj.http;

import java.util.List;
import java.util.Map;

/**
 * A command line after Go-style parsing and ETCD_* environment lookup.
 *
 * @param values flag name (without dashes) to its effective value; a repeated flag's last value
 * @param helpRequested {@code -h}/{@code --help} was given
 * @param versionRequested {@code --version} was given
 * @param notes what to log once the logger is up (ignored flags, shadowed variables)
 */
record ParsedFlags(Map<String, String> values, boolean helpRequested, boolean versionRequested,
                   List<String> notes) {
  ParsedFlags {
    values = Map.copyOf(values);
    notes = List.copyOf(notes);
  }
}
