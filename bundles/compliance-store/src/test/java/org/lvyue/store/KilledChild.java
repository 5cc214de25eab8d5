package org.lvyue.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A crash at a known point: a child JVM on the test's class path, killed (SIGKILL, no shutdown hooks) once it spoke. */
final class KilledChild {
    private KilledChild() {
    }

    /**
     * Runs {@code main} with {@code args}, reads the first line it prints (what it acknowledged), lets {@code quiet}
     * pass with nothing written, kills it and waits until it is gone.
     *
     * @return that line, or null when the child ended without one
     */
    static String acknowledgedThenKilled(Duration quiet, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String said = out.readLine();
            Thread.sleep(quiet.toMillis());
            child.destroyForcibly();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child " + main.getSimpleName() + " is still there a minute after the kill");
            }
            return said;
        } finally {
            child.destroyForcibly();
        }
    }
}
