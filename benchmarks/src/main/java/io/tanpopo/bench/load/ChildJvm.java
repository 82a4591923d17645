package io.tanpopo.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM running one of this module's mains with the driver's class path; its output is read by line. */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(List<String> jvmOptions, Class<?> main, List<String> args, Path errors) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .start();
        return new ChildJvm(process);
    }

    /** Starts a {@link ServerChild} and waits for its port. */
    static ChildJvm server(List<String> jvmOptions, List<String> args, Path errors) throws IOException {
        ChildJvm child = start(jvmOptions, ServerChild.class, args, errors);
        String line = child.readLine();
        while (line != null && !line.startsWith("PORT ")) { // e.g. a flight recording's notice
            line = child.readLine();
        }
        if (line == null) {
            child.close();
            throw new IOException("server child did not start (" + line + "); see " + errors);
        }
        child.port = Integer.parseInt(line.substring(5).trim());
        return child;
    }

    private int port;

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The next line the child printed, or null at its end. */
    String readLine() throws IOException {
        return out.readLine();
    }

    /** Closes the child's standard input (a server child then stops) and waits for it to end. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
