package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.support.CommandException;

/** Runs a command as Karaf would (through {@code execute()}) and returns what it printed or why it refused. */
final class Run {
    private Run() {
    }

    static String output(ComplianceAction command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.execute();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The one-line message of the refusal Karaf prints in red (a {@link CommandException}: no stack trace). */
    static String refusal(ComplianceAction command) {
        command.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return assertThrows(CommandException.class, command::execute).getMessage();
    }
}
