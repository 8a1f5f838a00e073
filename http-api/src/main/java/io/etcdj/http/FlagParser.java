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
import picocli.CommandLine.ParseResult;

/**
 * Parses etcd's command line with Go's flag syntax on top of picocli: one or two dashes,
 * {@code -f v} or {@code -f=v}, booleans bare or {@code =true|false}, the last of a repeated flag
 * wins, a value may start with a dash. Unset flags are then taken from ETCD_* variables (a flag
 * on the command line wins over its variable, as in etcd's pkg/flags).
 */
final class FlagParser {
  static final String VERSION_TEXT = "etcdj Version: 0.1.0\netcd API Version: 3.4\n";

  private FlagParser() {}

  static ParsedFlags parse(String[] args, Map<String, String> env) {
    CommandLine commandLine = commandLine();
    ParseResult result;
    try {
      result = commandLine.parseArgs(attachBooleanValues(args));
    } catch (CommandLine.UnmatchedArgumentException e) {
      throw new FlagException("flag provided but not defined: -" + flagName(e.getUnmatched().get(0)), 2);
    } catch (CommandLine.MissingParameterException e) {
      String name = e.getMissing().isEmpty() ? "?" : flagName(((OptionSpec) e.getMissing().get(0)).longestName());
      throw new FlagException("flag needs an argument: -" + name, 2);
    } catch (CommandLine.ParameterException e) {
      throw new FlagException(e.getMessage(), 2);
    }
    if (result.isUsageHelpRequested()) {
      return new ParsedFlags(Map.of(), true, false, List.of());
    }
    if (result.hasMatchedOption("--version")
        && ServerConfig.parseBool("version", result.matchedOption("--version").getValue())) {
      return new ParsedFlags(Map.of(), false, true, List.of());
    }
    if (result.hasMatchedPositional(0)) {
      List<String> extra = result.matchedPositional(0).originalStringValues();
      throw new FlagException("'" + extra.get(0) + "' is not a valid flag. See 'etcdj --help'.", 2);
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (OptionSpec option : result.matchedOptions()) {
      String name = flagName(option.longestName());
      if (name.equals("version")) {
        continue;
      }
      String value = option.getValue();
      values.put(name, value);
      if (EtcdFlags.IGNORED.contains(name)) {
        notes.add("flag -" + name + " is accepted for compatibility with etcd and ignored");
      }
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

  /**
   * Go never lets a boolean flag take the next argument as its value ({@code --debug false} is a
   * flag and a stray argument), so a bare boolean flag is rewritten to {@code --flag=true} and
   * picocli then always sees booleans with an attached value. A value of a non-boolean flag is
   * left alone even when it looks like a flag.
   */
  static String[] attachBooleanValues(String[] args) {
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      String arg = out[i];
      if (arg.equals("--") || !arg.startsWith("-") || arg.equals("-")) {
        if (arg.equals("--")) {
          break;
        }
        continue;
      }
      String name = flagName(arg);
      boolean attached = arg.indexOf('=') >= 0;
      if (EtcdFlags.isBoolean(name) || name.equals("version")) {
        if (!attached) {
          out[i] = arg + "=true";
        }
      } else if (!attached && (EtcdFlags.USED.contains(name) || EtcdFlags.IGNORED.contains(name))) {
        i++; // the next argument is this flag's value, whatever it looks like
      }
    }
    return out;
  }

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
