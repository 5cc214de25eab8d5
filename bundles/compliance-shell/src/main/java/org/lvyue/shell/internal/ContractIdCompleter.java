package org.lvyue.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.lvyue.api.contract.Contract;
import org.lvyue.api.service.Contracts;

/** Completes the ids of the contracts the product holds. */
@Service
public class ContractIdCompleter implements Completer {
    @Reference
    Contracts contracts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        contracts.contracts().stream().map(Contract::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
