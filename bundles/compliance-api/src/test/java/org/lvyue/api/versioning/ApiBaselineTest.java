package org.lvyue.api.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvyue.api.versioning.ApiBaseline.Mismatch;

import aQute.bnd.osgi.Jar;

/**
 * The build's API check: an exported package that changed since the baseline without the version its changes
 * need fails the build, naming the package, the version needed and the changes. The other tests make real
 * changes to a copy of the API (a type recompiled from its edited source) and show the check catching them.
 */
class ApiBaselineTest {

    @TempDir
    Path work;

    @Test
    @DisplayName("every API package carries at least the version its changes since the baseline need")
    void theApiIsVersionedForItsChangesSinceTheBaseline() throws Exception {
        List<Mismatch> problems = ApiBaseline.mismatches(ApiBaseline.current(), ApiBaseline.baseline());
        assertEquals(List.of(), problems, "Raise the @Version in the package's package-info.java to the version named"
                + " (or undo the change); the baseline is " + ApiBaseline.BASELINE + ", see README \"API versions\"");
    }

    @Test
    @DisplayName("removing a method from a service interface without a new major version fails the check")
    void removingAMethodNeedsAMajorVersion() throws Exception {
        Jar broken = ApiBaseline.withEditedType(ApiBaseline.current(), "org.lvyue.api.service.Contracts",
                source -> source.replace("    LocalDate today();\n", ""), work);

        List<Mismatch> problems = ApiBaseline.mismatches(broken, ApiBaseline.current());

        assertEquals(1, problems.size(), problems.toString());
        Mismatch m = problems.get(0);
        assertEquals("org.lvyue.api.service", m.pkg());
        assertEquals(m.baseline().bumpMajor(), m.needed(), m.toString());
        assertEquals(List.of("REMOVED METHOD org.lvyue.api.service.Contracts.today()"), m.changes());
    }

    @Test
    @DisplayName("a method added to a provider type needs a new minor version, to a consumer type a new major one")
    void providerAndConsumerTypesDecideTheVersionAnAdditionNeeds() throws Exception {
        Jar provider = ApiBaseline.withEditedType(ApiBaseline.current(), "org.lvyue.api.service.Dashboards",
                source -> source.replace("    Dashboard dashboard(String contractId, LocalDate asOf);\n",
                        "    Dashboard dashboard(String contractId, LocalDate asOf);\n\n    int widgets(String contractId);\n"),
                work.resolve("provider"));
        Jar consumer = ApiBaseline.withEditedType(ApiBaseline.current(), "org.lvyue.api.engine.RuleSetListener",
                source -> source.replace("    void ruleSetChanged(", "    void ruleSetFailed(String reason);\n\n    void ruleSetChanged("),
                work.resolve("consumer"));

        List<Mismatch> minor = ApiBaseline.mismatches(provider, ApiBaseline.current());
        List<Mismatch> major = ApiBaseline.mismatches(consumer, ApiBaseline.current());

        assertEquals(1, minor.size(), minor.toString());
        assertEquals("org.lvyue.api.service", minor.get(0).pkg());
        assertEquals(minor.get(0).baseline().bumpMinor(), minor.get(0).needed(), minor.get(0).toString());
        assertEquals(1, major.size(), major.toString());
        assertEquals("org.lvyue.api.engine", major.get(0).pkg());
        assertEquals(major.get(0).baseline().bumpMajor(), major.get(0).needed(), major.get(0).toString());
    }

    @Test
    @DisplayName("an API package no longer exported fails the check")
    void aRemovedPackageFailsTheCheck() throws Exception {
        Jar without = ApiBaseline.current("!org.lvyue.api.waiver, " + ApiBaseline.EXPORTS);

        List<Mismatch> problems = ApiBaseline.mismatches(without, ApiBaseline.current());

        Mismatch gone = problems.stream().filter(p -> p.pkg().equals("org.lvyue.api.waiver")).findFirst()
                .orElseThrow(() -> new AssertionError(problems.toString()));
        assertNull(gone.version());
        assertTrue(gone.toString().startsWith("org.lvyue.api.waiver is no longer exported"), gone.toString());
    }
}
