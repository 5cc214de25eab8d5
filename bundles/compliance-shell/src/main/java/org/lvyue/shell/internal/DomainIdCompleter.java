package org.lvyue.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.engine.DomainStatus;

/** Completes the domain ids of the domain bundles the engine has seen ({@code support}, {@code pki}...). */
@Service
public class DomainIdCompleter implements Completer {
    @Reference
    ComplianceEngine engine;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        engine.domains().stream().map(DomainStatus::domain).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
