package org.lvyue.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.finding.Finding;
import org.lvyue.api.ledger.LedgerEntry;
import org.lvyue.api.spi.DomainCatalogue;
import org.lvyue.api.spi.Frequency;
import org.lvyue.api.spi.PeriodLabels;
import org.lvyue.core.internal.DemoValidation;
import org.lvyue.engine.internal.DemoCatalogueParser;
import org.lvyue.engine.internal.DomainSources;
import org.lvyue.engine.internal.DroolsEngine;
import org.lvyue.pki.internal.Issuers;
import org.lvyue.pki.internal.PkiBatch;
import org.lvyue.pki.internal.PkiContent;
import org.lvyue.pki.internal.PkiReader;

/**
 * What the tests share: the standard demo year (generated once per JVM), the fact kinds as the engine's own
 * parser reads the catalogues this bundle carries, the real intake validator, and the facts compliance-pki
 * makes of the certificates, the CRL and the trust anchors.
 */
final class DemoFixture {
    /** The product's today when the demo is posted: the day after the last day. */
    static final LocalDate TODAY = LocalDate.of(2023, 3, 1);
    private static DemoData standard;
    private static Map<String, FactKind> kinds;
    private static Set<String> everyContract;
    private static final Map<DemoData, List<Fact>> VALIDATED = new IdentityHashMap<>();
    private static final Map<DemoData, List<Map<String, Object>>> PKI = new IdentityHashMap<>();

    private DemoFixture() {
    }

    /** The real engine with every shipped domain bundle deployed from the rules jars on the test class path. */
    static DroolsEngine engineWithEveryDomain() throws Exception {
        DroolsEngine engine = new DroolsEngine();
        for (org.lvyue.engine.internal.DomainSource source : everyDomain()) {
            DomainStatus status = engine.deploy(source);
            if (status.state() != DomainState.ACTIVE) {
                throw new IllegalStateException(source.domainId() + " refused: " + status.problems());
            }
        }
        return engine;
    }

    /** The real engine with every shipped domain bundle deployed together as at a start, its compiled rules kept in {@code cache}. */
    static DroolsEngine engineWithEveryDomain(org.lvyue.engine.internal.CompiledPackageCache cache) throws Exception {
        DroolsEngine engine = new DroolsEngine();
        engine.usePackageCache(cache);
        for (DomainStatus status : engine.deployAll(everyDomain())) {
            if (status.state() != DomainState.ACTIVE) {
                throw new IllegalStateException(status.domain() + " refused: " + status.problems());
            }
        }
        return engine;
    }

    /** Every shipped domain bundle, read from the rules jars on the test class path. */
    private static List<org.lvyue.engine.internal.DomainSource> everyDomain() throws Exception {
        List<org.lvyue.engine.internal.DomainSource> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(DemoFixture.class.getClassLoader().getResources("catalogue.json"))) {
            String s = url.toString();
            if (!s.startsWith("jar:")) {
                continue;
            }
            URI jar = URI.create(s.substring(0, s.indexOf("!/")));
            FileSystem fs;
            try {
                fs = FileSystems.getFileSystem(jar);
            } catch (FileSystemNotFoundException e) {
                fs = FileSystems.newFileSystem(jar, Map.of());
            }
            Path root = fs.getPath("/");
            String domain = json.readTree(Files.readAllBytes(root.resolve("catalogue.json"))).path("domain").asText();
            out.add(DomainSources.fromDirectory(root, "demo." + domain, "0.1.0", domain));
        }
        return out;
    }

    /**
     * Whether a finding is the one an injected violation announces: same rule, and its facts, or the obligation and
     * month of a record the violation leaves out.
     */
    static boolean finds(Finding f, InjectedViolation v, List<MissingFact> missing) {
        if (!f.getRuleName().equals(v.expectedRule())) {
            return false;
        }
        if (f.getFactIds().stream().anyMatch(v.factIds()::contains)) {
            return true;
        }
        return missing.stream().anyMatch(m -> m.violationId().equals(v.id()) && m.subject().equals(f.getObligationId())
                && PeriodLabels.of(Frequency.MONTHLY, v.date()).equals(f.getPeriodLabel()));
    }

    /** Whether a ledger entry is the one an injected violation announces: same rule, and its facts. */
    static boolean books(LedgerEntry e, InjectedViolation v) {
        return e.getRule().equals(v.expectedRule()) && e.getFactIds().stream().anyMatch(v.factIds()::contains);
    }

    /** The standard options, or another seed with {@code -Ddemo.seed=N} (to run the whole suite on it). */
    static DemoOptions options() {
        return DemoOptions.standard().withSeed(Long.getLong("demo.seed", DemoOptions.standard().seed()));
    }

    static synchronized DemoData standard() {
        if (standard == null) {
            standard = DemoYear.generate(options());
        }
        return standard;
    }

    /** Every fact kind of every catalogue the generator follows, parsed by the engine's CatalogueParser. */
    static synchronized Map<String, FactKind> kinds() {
        if (kinds == null) {
            Map<String, FactKind> out = new HashMap<>();
            Set<String> every = new HashSet<>();
            ObjectMapper json = new ObjectMapper();
            for (String module : Catalogues.MODULES) {
                try (InputStream in = DemoFixture.class.getResourceAsStream("catalogues/" + module + "/src/main/resources/catalogue.json")) {
                    byte[] bytes = in.readAllBytes();
                    DomainCatalogue c = DemoCatalogueParser.parse(bytes, json.readTree(bytes).path("domain").asText());
                    c.factKinds().forEach(k -> out.put(k.name(), k));
                    if (c.everyContract()) {
                        every.add(c.domain());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("catalogue of " + module, e);
                }
            }
            kinds = out;
            everyContract = every;
        }
        return kinds;
    }

    /** The domains whose catalogues apply to every contract. */
    static synchronized Set<String> everyContract() {
        kinds();
        return everyContract;
    }

    /** The facts through the real validator, in batches of 5,000 as they are posted. */
    static synchronized List<Fact> validated(DemoData data) {
        return VALIDATED.computeIfAbsent(data, d -> validate(d.facts()));
    }

    static List<Fact> validate(List<Map<String, Object>> facts) {
        return validate(DemoValidation.demoContract(), facts);
    }

    /** The facts of a batch of one contract through the real validator, in batches of 5,000 as they are posted. */
    static List<Fact> validate(Contract contract, List<Map<String, Object>> facts) {
        List<Fact> out = new ArrayList<>(facts.size());
        for (int from = 0; from < facts.size(); from += DemoYearMain.BATCH) {
            out.addAll(DemoValidation.validate(contract, facts.subList(from, Math.min(facts.size(), from + DemoYearMain.BATCH)),
                    k -> Optional.ofNullable(kinds().get(k)), everyContract()::contains, TODAY));
        }
        return out;
    }

    /** What compliance-pki submits for the zip, the CRL and the trust anchors (verified signatures included). */
    static synchronized List<Map<String, Object>> pkiFacts(DemoData data) {
        return PKI.computeIfAbsent(data, d -> {
            try {
                List<PkiContent> contents = new ArrayList<>();
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(d.certificatesZip()))) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        contents.add(PkiReader.read("certificates.zip!" + e.getName(), zip.readAllBytes()));
                    }
                }
                contents.add(PkiReader.read("crl.der", d.crl()));
                List<PkiContent> anchors = new ArrayList<>();
                List<byte[]> pems = d.trustAnchors();
                for (int i = 0; i < pems.size(); i++) {
                    anchors.add(PkiReader.read("anchor-" + i + ".pem", pems.get(i)));
                }
                return PkiBatch.facts(new Issuers(), contents, null, anchors, List.of(), TODAY.atTime(8, 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
