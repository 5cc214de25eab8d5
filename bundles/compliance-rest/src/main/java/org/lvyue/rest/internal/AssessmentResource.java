package org.lvyue.rest.internal;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.lvyue.api.assessment.QuarterlyAssessment;
import org.lvyue.api.service.Assessments;
import org.lvyue.rest.internal.MoneyViews.InterpretationView;

/** 季度运维服务质量考核: {@code GET /api/contracts/{id}/assessments/2022-Q3}. */
@Path("contracts/{id}/assessments")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class AssessmentResource {
    private final Assessments assessments;

    AssessmentResource(Assessments assessments) {
        this.assessments = assessments;
    }

    public record AssessmentView(String contractId, String quarter, String from, String to, String asOf,
                                 InterpretationView scheme, String result, String resultLabel, Integer score,
                                 Integer passMark, String verdictFactId, java.util.List<QuarterlyAssessment.DomainLine> domains,
                                 QuarterlyAssessment.SupportLine support, long ruleSetVersion) {
        static AssessmentView of(QuarterlyAssessment a) {
            return new AssessmentView(a.contractId(), a.quarter(), a.from().toString(), a.to().toString(), a.asOf().toString(),
                    a.scheme() == null ? null : InterpretationView.of(a.scheme()), a.result().name(), a.result().label(),
                    a.score(), a.passMark(), a.verdictFactId(), a.domains(), a.support(), a.ruleSetVersion());
        }
    }

    @GET
    @Path("{quarter}")
    @RolesAllowed({Roles.ADMIN, Roles.ENGINEER, Roles.EVALUATOR})
    public AssessmentView get(@PathParam("id") String id, @PathParam("quarter") String quarter) {
        return AssessmentView.of(assessments.assessment(id, quarter));
    }
}
