package org.lvyue.api.baseline;

import java.util.List;
import java.util.Map;

import org.lvyue.api.finding.Severity;

/**
 * One baseline check (a catalogue obligation of category BASELINE) and its result now.
 *
 * @param id          stable id, e.g. {@code pki.cert-weak}
 * @param domain      the domain bundle that holds it
 * @param title       Chinese title
 * @param severity    how grave a failure is
 * @param rationale   why the check exists
 * @param remediation what to do when it fails
 * @param references  contract clause; GB/T 22239-2019 or GB/T 39786-2021 items
 * @param parameters  thresholds the check uses (e.g. {@code warnDays=30})
 * @param result      pass / fail / error / not applicable / not checked
 * @param checked     how many objects (certificates, CRLs, ...) the check looked at
 * @param failed      how many of them failed
 * @param evidence    the failing findings, {@code key — title}
 */
public record BaselineResult(String id, String domain, String title, Severity severity, String rationale,
                             String remediation, String references, Map<String, String> parameters, Result result,
                             long checked, int failed, List<String> evidence) {
    public enum Result {
        PASS("通过"), FAIL("不通过"), ERROR("检查出错"), NOT_APPLICABLE("不适用"), NOT_CHECKED("未检查");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
