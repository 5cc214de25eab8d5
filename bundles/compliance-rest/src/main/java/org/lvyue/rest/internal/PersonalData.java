package org.lvyue.rest.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.checklist.CheckRecord;
import org.lvyue.api.checklist.FaultRecord;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.fact.Fact;
import org.lvyue.api.fact.FactKind;
import org.lvyue.api.fact.PersonalKind;

/**
 * Personal information (个人信息, GB/T 22239-2019 8.1.4.11) in the API's answers: the values of attributes the catalogue
 * marks {@code personal}, and the audit-log entries' users and addresses, are masked for every reader by default;
 * {@code ?personal=whole} shows them whole, to the contract's admin (the client, the operator) and evaluator only, and
 * each such answer that holds a whole value is recorded in the activity trail ({@value ActivityLog#PERSONAL_DATA_VIEW}).
 */
final class PersonalData {
    static final String PARAM = "personal";
    private static final String WHOLE = "whole";
    private static final String MASKED = "masked";

    private final ComplianceEngine engine;
    private final Activity activity;

    PersonalData(ComplianceEngine engine, Activity activity) {
        this.engine = engine;
        this.activity = activity;
    }

    /**
     * Whether the caller asked for whole values and may have them.
     *
     * @throws org.lvyue.api.service.InvalidInputException for a value other than masked or whole
     * @throws ForbiddenException                           when whole values are asked by a role that does not need them
     */
    static boolean whole(String personal, SecurityContext security) {
        String v = Params.text(personal);
        if (v == null || v.equals(MASKED)) {
            return false;
        }
        if (!v.equals(WHOLE)) {
            throw Params.bad(PARAM, "应为 masked 或 whole: '" + personal + "'");
        }
        if (!security.isUserInRole(Roles.ADMIN) && !security.isUserInRole(Roles.EVALUATOR)) {
            throw new ForbiddenException(ApiError.response(403, "personal-data",
                    "完整个人信息只对该合同的 admin（甲方、平台运营者）与 evaluator（评估方）开放；其他角色只能看到脱敏后的值",
                    "Whole personal information is for the contract's admin and evaluator only; other roles see it masked"));
        }
        return true;
    }

    /** The fact as the API shows it: its personal attributes masked unless {@code whole}. */
    FactView view(Fact f, boolean whole) {
        FactView v = FactView.of(f);
        if (whole) {
            return v;
        }
        Optional<FactKind> kind = engine.factKind(f.getKind());
        if (kind.isEmpty()) {
            return v;
        }
        Map<String, String> masked = kind.get().masked(v.attributes());
        return masked == v.attributes() ? v : new FactView(v.id(), v.kind(), v.domain(), v.subject(), v.date(), v.time(),
                v.status(), v.amount(), new java.util.TreeMap<>(masked), v.source(), v.receivedAt());
    }

    /** How many of {@code facts} hold a value the catalogue marks personal. */
    int withPersonal(List<Fact> facts) {
        int n = 0;
        for (Fact f : facts) {
            Optional<FactKind> kind = engine.factKind(f.getKind());
            if (kind.isPresent() && kind.get().personalAttributes().keySet().stream().anyMatch(f.getAttributes()::containsKey)) {
                n++;
            }
        }
        return n;
    }

    /** A check record with its engineer's name and its faults' recipients masked (the inspection kinds mark them). */
    static CheckRecord masked(CheckRecord r) {
        List<FaultRecord> faults = r.faults().stream().map(f -> new FaultRecord(f.factId(), f.description(),
                PersonalKind.NAME.mask(f.reportedTo()), f.reportedAt(), f.status())).toList();
        return new CheckRecord(r.factId(), r.day(), r.system(), r.normal(), r.note(), PersonalKind.NAME.mask(r.engineer()),
                r.recordedAt(), r.supersedes(), r.supersededBy(), faults);
    }

    /** An audit-log account as shown masked. */
    static String user(String user, boolean whole) {
        return whole ? user : PersonalKind.NAME.mask(user);
    }

    /** An audit-log client address as shown masked. */
    static String address(String address, boolean whole) {
        return whole ? address : PersonalKind.ADDRESS.mask(address);
    }

    /** Records that {@code count} records holding whole personal values were shown, when there were any. */
    void recordWhole(SecurityContext security, HttpServletRequest request, String contractId, String what, long count) {
        if (count > 0) {
            activity.record(security, request, ActivityLog.PERSONAL_DATA_VIEW, contractId,
                    what + "：" + count + " 条含完整个人信息 (records with whole personal information)");
        }
    }
}
