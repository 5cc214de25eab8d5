package org.lvyue.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/**
 * One command line in a new session of Karaf's own shell, run by a subject with the given user and
 * roles, as a console or ssh login would give them: for the tests inside the container.
 */
final class ShellSessions {
    /** The engineer's roles, as etc/users.properties gives them. */
    static final List<String> ENGINEER = List.of("engineer", "manager", "viewer", "ssh");

    private ShellSessions() {
    }

    /** What a command printed, and the exception it ended with (null when it succeeded). */
    record Result(String command, String output, Exception error) {
        /** The output; fails the test with the output when the command failed. */
        String ok() {
            if (error != null) {
                throw new AssertionError(command + " failed: " + error + "\n" + output);
            }
            return output;
        }
    }

    /** Runs {@code command} as {@code user} with {@code roles}; {@code typed} is what the user types at its prompts. */
    static Result run(SessionFactory sessions, String user, List<String> roles, String command, String typed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(r -> subject.getPrincipals().add(new RolePrincipal(r)));
        Exception error = null;
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            error = e.getException();
        } catch (Exception e) {
            error = e; // e.g. a command the user's roles may not see
        } finally {
            out.flush();
            session.close();
        }
        return new Result(command, bytes.toString(StandardCharsets.UTF_8), error);
    }
}
