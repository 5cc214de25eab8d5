package org.lvyue.engine.osgi;

import java.time.Instant;
import java.util.List;

import org.lvyue.api.engine.DomainState;
import org.lvyue.api.engine.DomainStatus;
import org.lvyue.api.engine.RuleProblem;
import org.lvyue.engine.internal.BundleSignatures;
import org.lvyue.engine.internal.DomainBundleContent;
import org.lvyue.engine.internal.DomainSource;

/**
 * Which domain bundles the node loads by their signature ({@code requireSignedBundles}, {@code trustedBundleSigners} in
 * {@code etc/org.lvyue.engine.cfg}). The bundles the distribution ships (installed from its {@code system/} repository,
 * location {@code mvn:}, or in {@code deploy/} with the very content its build compiled into {@code compiled-rules/}) are
 * part of the installation and load as they are; any other bundle (a jar added to {@code deploy/}, an upload, a jar
 * another node of the cluster shared) is refused when its signature does not hold, and, when signatures are required,
 * unless a trusted signer signed it.
 *
 * @param required whether a bundle added at run time needs a trusted signer's signature
 * @param trusted  the SHA-256 fingerprints of the trusted signers' certificates
 */
record SignaturePolicy(boolean required, List<String> trusted) {
    static final SignaturePolicy NONE = new SignaturePolicy(false, List.of());

    SignaturePolicy {
        trusted = List.copyOf(trusted);
    }

    /** Whether the bundle at that location came with the distribution. */
    static boolean installedWithTheDistribution(String location) {
        return location != null && location.startsWith("mvn:");
    }

    /** The check of a bundle added at run time. */
    BundleSignatures.Check check(DomainBundleContent content) {
        try {
            return BundleSignatures.check(content, trusted);
        } catch (java.io.IOException | RuntimeException e) {
            return new BundleSignatures.Check(BundleSignatures.State.INVALID, null, null,
                    "签名无法检查：" + e.getMessage() + " (the signature cannot be checked)");
        }
    }

    /** Whether a bundle with that check is kept out. */
    boolean refuses(BundleSignatures.Check check) {
        return check.state() == BundleSignatures.State.INVALID
                || required && check.state() != BundleSignatures.State.TRUSTED;
    }

    /** The status a refused bundle is listed with. */
    DomainStatus refusal(DomainSource source, BundleSignatures.Check check) {
        String why = check.reason() + (required && check.state() != BundleSignatures.State.INVALID
                ? "；本节点只加载受信任者签名的规则包 (requireSignedBundles = true: only bundles a trusted signer signed load)" : "");
        return new DomainStatus(source.symbolicName(), source.version(), source.bundleId(), source.domainId(), null,
                DomainState.REFUSED, 0, List.of(new RuleProblem(BundleSignatures.ENTRY.substring(1), -1, why)), Instant.now());
    }
}
