package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.lvyue.api.security.AccessPolicy;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PasswdCommandTest {
    /** What the command asked the policy to store. */
    private final List<String> stored = new ArrayList<>();
    private final List<Character> masks = new ArrayList<>();

    private final AccessPolicy policy = new AccessPolicy() {
        @Override
        public String profile() {
            return PRODUCTION;
        }

        @Override
        public boolean httpsRequired() {
            return false;
        }

        @Override
        public Refusal refusal(String user, char[] password) {
            return null;
        }

        @Override
        public Refusal terminalRefusal(String user, java.util.Collection<String> roles, String address) {
            return null;
        }

        @Override
        public Refusal weakness(String user, char[] password) {
            return password.length < 12 ? new Refusal("口令太短：至少需要 12 个字符", "Password too short: at least 12 characters") : null;
        }

        @Override
        public void setPassword(String user, char[] password, List<String> roles) {
            if (roles.isEmpty() && !user.equals("admin")) {
                throw new IllegalArgumentException("新用户 '" + user + "' 须至少指定一个角色 (a new user needs at least one role)");
            }
            stored.add(user + ":" + new String(password) + ":" + roles);
        }

        @Override
        public java.util.Set<String> realmRoles(String user) {
            return java.util.Set.of();
        }
    };

    /** A terminal session that answers each password prompt with the next line typed. */
    private Session typing(String... lines) {
        Deque<String> typed = new ArrayDeque<>(List.of(lines));
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, m, args) -> {
            if (m.getName().equals("readLine")) {
                masks.add((Character) args[1]);
                return typed.poll();
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private PasswdCommand command(String user, List<String> roles, String... typed) {
        PasswdCommand c = new PasswdCommand();
        c.policy = policy;
        c.session = typing(typed);
        c.user = user;
        c.roles = roles;
        return c;
    }

    @Test
    void the_password_is_typed_twice_without_echo_and_stored_through_the_policy() throws Exception {
        String out = Run.output(command("zhang", List.of("collector"), "履约 real password 1", "履约 real password 1"));
        assertTrue(out.contains("已设置用户 'zhang' 的口令") && out.contains("salted hash"), out);
        assertEquals(List.of("zhang:履约 real password 1:[collector]"), stored);
        assertEquals(List.of('*', '*'), masks);
    }

    @Test
    void without_a_terminal_the_two_lines_are_read_from_the_input() throws Exception {
        PasswdCommand c = new PasswdCommand();
        c.policy = policy;
        c.user = "wang";
        c.roles = List.of("evaluator");
        byte[] typed = "wang real password\nwang real password\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        c.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, m, args) -> {
            if (m.getName().equals("readLine")) {
                throw new UnsupportedOperationException(); // as Karaf's headless session (ssh host command)
            }
            if (m.getName().equals("getKeyboard")) {
                return new java.io.ByteArrayInputStream(typed);
            }
            throw new UnsupportedOperationException(m.getName());
        });
        Run.output(c);
        assertEquals(List.of("wang:wang real password:[evaluator]"), stored);
    }

    @Test
    void two_different_entries_change_nothing() {
        String refusal = Run.refusal(command("admin", null, "a long password 1", "a long password 2"));
        assertTrue(refusal.contains("两次输入的口令不一致") && refusal.contains("nothing changed"), refusal);
        assertEquals(List.of(), stored);
    }

    @Test
    void a_weak_password_is_refused_before_it_is_typed_again() {
        String refusal = Run.refusal(command("admin", null, "short"));
        assertTrue(refusal.startsWith("口令太短") && refusal.contains("nothing changed"), refusal);
        assertEquals(1, masks.size());
        assertEquals(List.of(), stored);
    }

    @Test
    void the_policys_refusal_is_one_line() {
        String refusal = Run.refusal(command("li", null, "a long password 1", "a long password 1"));
        assertEquals("新用户 'li' 须至少指定一个角色 (a new user needs at least one role)", refusal);
    }
}
