package io.postureaudit.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service started as an operator would: {@code java -jar target/quarkus-app/quarkus-run.jar}. */
public final class RunningService implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile int port = -1;

    private RunningService(List<String> properties) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(properties);
        command.add("-Dquarkus.http.port=0");
        command.addAll(List.of("-jar", System.getProperty("posture.jar", "target/quarkus-app/quarkus-run.jar")));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "service-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static RunningService start(List<String> properties) throws IOException {
        return new RunningService(properties);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            output.add("(output closed: " + e.getMessage() + ")");
        }
    }

    /** Waits until the HTTP port is open; fails with the service's output if it exits first. */
    public int awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (port < 0 && Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        if (port < 0) {
            throw new AssertionError("service did not listen within 180 s (a shared, loaded machine can take over 90 s):\n" + output());
        }
        return port;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("service did not stop within 90 s:\n" + output());
        }
        Thread.sleep(200);
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no goodbye to the cluster, as when a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Output lines containing {@code text}. */
    public List<String> lines(String text) {
        return output.stream().filter(l -> l.contains(text)).toList();
    }

    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
