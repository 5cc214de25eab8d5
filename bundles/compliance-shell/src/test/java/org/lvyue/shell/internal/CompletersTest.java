package org.lvyue.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.lvyue.testing.FakeEngine;

class CompletersTest {
    /** The command line with the cursor at the end of its last word. */
    private static CommandLine typed(String... words) {
        String last = words[words.length - 1];
        String buffer = String.join(" ", words);
        return new CommandLine() {
            public int getCursorArgumentIndex() { return words.length - 1; }
            public String getCursorArgument() { return last; }
            public int getArgumentPosition() { return last.length(); }
            public String[] getArguments() { return words; }
            public int getBufferPosition() { return buffer.length(); }
            public String getBuffer() { return buffer; }
        };
    }

    @Test
    @DisplayName("completes the ids of the contracts the product holds")
    void contractIds() {
        ContractIdCompleter completer = new ContractIdCompleter();
        completer.contracts = Sample.contracts();
        List<String> candidates = new ArrayList<>();
        completer.complete(null, typed("compliance:findings", "bj"), candidates);
        assertEquals(List.of("bj-hrss-2022"), candidates.stream().map(String::strip).toList());
    }

    @Test
    @DisplayName("completes the domain ids of the deployed domain bundles")
    void domainIds() {
        DomainIdCompleter completer = new DomainIdCompleter();
        FakeEngine engine = new FakeEngine();
        engine.domains.addAll(List.of(Sample.domain("support"), Sample.domain("staffing"),
                Sample.domain("pki")));
        completer.engine = engine;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, typed("compliance:findings", "bj-hrss-2022", "--domain", "s"), candidates);
        assertEquals(List.of("staffing", "support"), candidates.stream().map(String::strip).toList());
    }
}
