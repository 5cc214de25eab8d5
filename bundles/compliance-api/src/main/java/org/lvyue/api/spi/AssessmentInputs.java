package org.lvyue.api.spi;

/**
 * What a domain declares in its catalogue ({@code "assessment"}) for the quarterly assessment
 * (季度运维服务质量考核) and the monthly attainment.
 *
 * @param scored      whether its findings cost points under the deduction scheme (the money terms' do not)
 * @param verdictKind the fact kind of the evaluator's quarterly verdict (subject {@code 2022-Q3}), or null
 * @param requests    the service requests whose response times the assessment measures, or null
 */
public record AssessmentInputs(boolean scored, String verdictKind, Requests requests) {
    /** A domain that declares nothing: scored, no verdict, no requests. */
    public static final AssessmentInputs NONE = new AssessmentInputs(true, null, null);

    /**
     * Requests with response targets (e.g. 附件三 x.x.6): each fact of {@code kind} is a request; a finding
     * (not a mere warning) of the obligation {@code phoneLate} or {@code onsiteLate} names, as its first
     * fact, a request that missed the phone or the on-site target.
     */
    public record Requests(String kind, String phoneLate, String onsiteLate) {
    }
}
