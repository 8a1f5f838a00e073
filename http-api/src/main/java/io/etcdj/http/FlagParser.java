package io.etcdj.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Parses etcd's command line with Go's flag syntax: one or two dashes,
 * {@code -f v} or {@code -f=v}, booleans bare or {@code =true|false}, the last of a repeated flag
 * wins, a value may start with a dash. Unset flags are then taken from ETCD_* variables (a flag
 * on the command line wins over its variable, as in etcd's pkg/flags). Parsed by hand: picocli
 * (compiled for Java 5, so its classes cannot go into a class-data archive) cost a launch about
 * 60 ms of main-thread CPU before anything else could start, this about 10; it now only lays out
 * --help.
 */
final class FlagParser {
  static final String VERSION_TEXT = "etcdj Version: 0.1.0\netcd API Version: 3.4\n";

  private FlagParser() {}

  static ParsedFlags parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    boolean help = false;
    String version = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          throw notAFlag(args[i + 1]);
        }
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        throw notAFlag(arg);
      }
      String name = flagName(arg);
      int eq = arg.indexOf('=');
      String attached = eq >= 0 ? arg.substring(eq + 1) : null;
      if (name.equals("h") || name.equals("help")) {
        help = true;
      } else if (name.equals("version")) {
        version = attached != null ? attached : "true";
      } else if (!EtcdFlags.USED.contains(name) && !EtcdFlags.IGNORED.contains(name)) {
        throw new FlagException("flag provided but not defined: -" + name, 2);
      } else {
        String value = attached;
        if (value == null && EtcdFlags.isBoolean(name)) {
          value = "true"; // Go never takes a boolean's value from the next argument
        } else if (value == null) {
          if (i + 1 == args.length) {
            throw new FlagException("flag needs an argument: -" + name, 2);
          }
          value = args[++i]; // whatever it looks like, even "-x"
        }
        if (!values.containsKey(name) && EtcdFlags.IGNORED.contains(name)) {
          notes.add("flag -" + name + " is accepted for compatibility with etcd and ignored");
        }
        values.put(name, value); // a repeated flag: the last one wins
      }
    }
    if (help) {
      return new ParsedFlags(Map.of(), true, false, List.of());
    }
    if (version != null && ServerConfig.parseBool("version", version)) {
      return new ParsedFlags(Map.of(), false, true, List.of());
    }
    for (Map.Entry<String, String> variable : new java.util.TreeMap<>(env).entrySet()) {
      String key = variable.getKey();
      if (!key.startsWith("ETCD_") || variable.getValue().isEmpty()) {
        continue;
      }
      String name = key.substring(5).toLowerCase(Locale.ROOT).replace('_', '-');
      if (!EtcdFlags.USED.contains(name) && !EtcdFlags.IGNORED.contains(name)) {
        notes.add("unrecognized environment variable " + key + "=" + variable.getValue());
      } else if (values.containsKey(name)) {
        notes.add("environment variable " + key + " is shadowed by the command-line flag -" + name);
      } else {
        values.put(name, variable.getValue());
      }
    }
    return new ParsedFlags(values, false, false, notes);
  }

  private static FlagException notAFlag(String arg) {
    return new FlagException("'" + arg + "' is not a valid flag. See 'etcdj --help'.", 2);
  }

  /** The help text: picocli lays it out, and is loaded only for it. */
  static String usage() {
    return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static String flagName(String arg) {
    String name = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : arg;
    int eq = name.indexOf('=');
    return eq >= 0 ? name.substring(0, eq) : name;
  }

  private static CommandLine commandLine() {
    CommandSpec spec = CommandSpec.create().name("etcdj");
    spec.usageMessage()
        .description("etcdj: etcd 3.4's v2 API on a Raft log in RocksDB.",
            "Flags take one or two dashes and are also read from ETCD_* variables.")
        .sortOptions(true);
    TreeSet<String> names = new TreeSet<>(EtcdFlags.USED);
    names.addAll(EtcdFlags.IGNORED);
    for (String name : names) {
      OptionSpec.Builder option = OptionSpec.builder("--" + name, "-" + name).type(String.class);
      if (EtcdFlags.USED.contains(name)) {
        option.description(FlagDescriptions.describe(name));
      } else {
        option.hidden(true);
      }
      if (EtcdFlags.isBoolean(name)) {
        option.arity("1").paramLabel("bool");
      } else {
        option.arity("1").paramLabel("<value>");
      }
      spec.addOption(option.build());
    }
    spec.addOption(OptionSpec.builder("--help", "-help", "-h", "--h").usageHelp(true)
        .description("Show this help and exit.").build());
    spec.addOption(OptionSpec.builder("--version", "-version").arity("1")
        .type(String.class).paramLabel("bool").description("Print the version and exit.").build());
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String.class).hidden(true).build());
    CommandLine commandLine = new CommandLine(spec);
    commandLine.setOverwrittenOptionsAllowed(true);
    commandLine.setExpandAtFiles(false);
    commandLine.setPosixClusteredShortOptionsAllowed(false);
    commandLine.setAllowOptionsAsOptionParameters(true);
    commandLine.setUnmatchedOptionsAllowedAsOptionParameters(true);
    commandLine.setStopAtPositional(false);
    return commandLine;
  }
}
