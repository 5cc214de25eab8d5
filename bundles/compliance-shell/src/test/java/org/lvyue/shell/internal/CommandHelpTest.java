package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@code compliance:xxx --help} and tab completion are made of, checked on every command. */
class CommandHelpTest {
    static final List<Class<? extends ComplianceAction>> COMMANDS = List.of(ContractsCommand.class, DomainsCommand.class,
            EvaluateCommand.class, FindingsCommand.class, LedgerCommand.class, PasswdCommand.class, RenewCommand.class, ReportCommand.class, VerifyCommand.class,
            OrganisationsCommand.class, OrganisationCommand.class, MemberCommand.class, TokensCommand.class, MigrateCommand.class, MemoryCommand.class,
            SubscriptionsCommand.class, ChecklistCommand.class);

    @Test
    @DisplayName("every command is a Karaf service in the compliance scope with a description in Chinese and English")
    void everyCommandIsDescribed() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : COMMANDS) {
            assertNotNull(type.getAnnotation(Service.class), type + " is not registered with Karaf");
            Command command = type.getAnnotation(Command.class);
            assertEquals("compliance", command.scope());
            assertTrue(command.description().matches(".*\\p{IsHan}.*\\(.*[a-z]+.*\\)"), command.description());
            names.add(command.name());
        }
        assertEquals(List.of("contracts", "domains", "evaluate", "findings", "ledger", "passwd", "renew", "report", "verify",
                "organisations", "organisation", "member", "tokens", "migrate", "memory", "subscriptions", "checklist"), names);
    }

    @Test
    @DisplayName("every argument and option says what it takes")
    void everyArgumentAndOptionIsDescribed() {
        for (Class<?> type : COMMANDS) {
            for (Field f : type.getDeclaredFields()) {
                Argument a = f.getAnnotation(Argument.class);
                Option o = f.getAnnotation(Option.class);
                String description = a != null ? a.description() : o != null ? o.description() : null;
                if (description != null) {
                    assertFalse(description.isBlank(), type.getSimpleName() + "." + f.getName());
                    assertTrue(description.contains("("), type.getSimpleName() + "." + f.getName() + " lacks English");
                }
            }
        }
    }

    @Test
    @DisplayName("contract ids, domain ids, kinds, statuses and files complete")
    void argumentsComplete() throws Exception {
        for (Class<?> type : List.of(EvaluateCommand.class, FindingsCommand.class, LedgerCommand.class, ReportCommand.class)) {
            assertEquals(ContractIdCompleter.class, type.getDeclaredField("contractId").getAnnotation(Completion.class).value());
        }
        assertEquals(DomainIdCompleter.class, FindingsCommand.class.getDeclaredField("domain").getAnnotation(Completion.class).value());
        assertEquals(DomainIdCompleter.class, ReportCommand.class.getDeclaredField("domain").getAnnotation(Completion.class).value());
        assertEquals(Set.of("OPEN", "WAIVED", "RESOLVED"),
                Set.of(FindingsCommand.class.getDeclaredField("status").getAnnotation(Completion.class).values()));
        assertEquals(Set.copyOf(ReportCommand.KINDS),
                Set.of(ReportCommand.class.getDeclaredField("kind").getAnnotation(Completion.class).values()));
        assertEquals("FileCompleter", ReportCommand.class.getDeclaredField("outFile").getAnnotation(Completion.class).value()
                .getSimpleName());
        for (Class<? extends Completer> completer : List.of(ContractIdCompleter.class, DomainIdCompleter.class)) {
            assertNotNull(completer.getAnnotation(Service.class), completer + " is not registered with Karaf");
        }
    }
}
