package io.tanpopo.app;

import io.tanpopo.pop3.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar tanpopo.jar [sub-command] [--config FILE]}. Without a configuration file it runs
 * the demo on 127.0.0.1:1110.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar tanpopo.jar [COMMAND] [--config FILE]

            Commands:
              serve          run the POP3 server (the default); without --config, the demo
              stdio          one POP3 session on standard input/output (under tcpserver or inetd)
              check-config   validate a configuration and print the effective settings
              hash-password  hash a password from standard input for a password file
              resolve ADDR   show step by step how a client address resolves to a name
              doctor         find what would slow logins down, and say how to fix it
              compare-uidls  before a migration: the old server's UIDLs and sizes against tanpopo's
              version        print the version

            Every command takes --help.""";

    /** Commands that print their own --help and may take operands. */
    private static final Set<String> TOOLS = Set.of("resolve", "doctor", "compare-uidls");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Main(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.in, System.out, System.err).run(args));
    }

    /** Runs a command and returns the exit status (serve returns only after shutdown). */
    int run(String[] args) {
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.help() && !TOOLS.contains(arguments.command())) {
                out.println(
                        switch (arguments.command()) {
                            case "hash-password" -> HashPasswordCommand.USAGE;
                            case "serve" -> ServeCommand.USAGE;
                            case "stdio" -> StdioCommand.USAGE;
                            default -> USAGE;
                        });
                return 0;
            }
            if (!arguments.operands().isEmpty() && !TOOLS.contains(arguments.command())) {
                err.println("unexpected arguments: " + String.join(" ", arguments.operands()) + "\n\n" + USAGE);
                return 2;
            }
            return switch (arguments.command()) {
                case "serve" ->
                    new ServeCommand(out, err).run(arguments.config().isEmpty(), load(arguments));
                case "stdio" -> new StdioCommand(in, out, err).run(load(arguments));
                case "check-config" -> checkConfig(arguments);
                case "hash-password" ->
                    HashPasswordCommand.run(arguments.scheme().orElse("ARGON2ID"), in, out, err);
                case "resolve" -> new ResolveCommand(out).run(arguments);
                case "doctor" -> new DoctorCommand(out).run(arguments);
                case "compare-uidls" -> new CompareUidlsCommand(in, out, err).run(arguments);
                case "version" -> {
                    out.println("tanpopo " + Version.current());
                    yield 0;
                }
                default -> {
                    err.println("unknown command '" + arguments.command() + "'\n\n" + USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 78;
        } catch (IOException e) {
            err.println("cannot read configuration: " + e.getMessage());
            return 74;
        }
    }

    /** Builds everything the configuration asks for, without listening, so every key is checked. */
    private int checkConfig(Arguments arguments) throws IOException {
        Settings settings = new Settings(load(arguments));
        new ServerWiring(settings).builder();
        ServiceSettings.read(settings);
        ConfigKeys.effective(settings.file()).forEach((k, v) -> out.println(k + "=" + v));
        out.println("# configuration is valid");
        return 0;
    }

    static ConfigFile load(Arguments arguments) throws IOException {
        ConfigFile file = arguments.config().isPresent()
                ? ConfigFile.read(arguments.config().get())
                : ConfigFile.empty();
        return file.withEnvironment(System.getenv(), ConfigKeys.names());
    }

    /** The parsed command line. */
    record Arguments(
            String command, Optional<Path> config, Optional<String> scheme, List<String> operands, boolean help) {
        static Arguments parse(String[] args) {
            List<String> rest = new ArrayList<>(List.of(args));
            // Not ||: both flags must be taken out of the operands, even when the first is there.
            @SuppressWarnings("ShortCircuitBoolean")
            boolean help = rest.remove("--help") | rest.remove("-h");
            Optional<Path> config = option(rest, "--config").map(Path::of);
            Optional<String> scheme = option(rest, "--scheme");
            String command = rest.isEmpty() ? "serve" : rest.remove(0);
            return new Arguments(command, config, scheme, List.copyOf(rest), help);
        }

        private static Optional<String> option(List<String> args, String name) {
            int at = args.indexOf(name);
            if (at < 0) {
                return Optional.empty();
            }
            if (at + 1 >= args.size()) {
                throw new ConfigException(name + " needs a value");
            }
            String value = args.get(at + 1);
            args.subList(at, at + 2).clear();
            return Optional.of(value);
        }
    }
}
