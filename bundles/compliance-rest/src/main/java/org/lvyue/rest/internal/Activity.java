package org.lvyue.rest.internal;

import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;

import org.lvyue.api.activity.ActivityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a user did through the API, in the same request, once the action succeeded. When the
 * record cannot be written the action stands (it happened): the whole entry goes to the log at ERROR,
 * so it is not lost, and the answer carries the header {@value #NOT_RECORDED} naming the action.
 */
final class Activity {
    static final String NOT_RECORDED = "X-Lvyue-Activity-Not-Recorded";
    private static final String ATTRIBUTE = Activity.class.getName() + ".failed";
    private static final Logger LOG = LoggerFactory.getLogger(Activity.class);

    private final Supplier<ActivityLog> log;

    Activity(Supplier<ActivityLog> log) {
        this.log = log;
    }

    /** The client's address as the servlet container saw it, or null outside a servlet request. */
    static String address(HttpServletRequest request) {
        try {
            return request == null ? null : request.getRemoteAddr();
        } catch (IllegalStateException e) {
            return null; // no request in scope
        }
    }

    void record(SecurityContext who, HttpServletRequest request, String action, String target, String detail) {
        record(who.getUserPrincipal().getName(), request, action, target, detail);
    }

    void record(String user, HttpServletRequest request, String action, String target, String detail) {
        write(user, request, action, target, detail, null);
    }

    /** Records an action that was refused ({@link ActivityLog#REFUSED}). */
    void refused(String user, HttpServletRequest request, String action, String target, String detail) {
        write(user, request, action, target, detail, ActivityLog.REFUSED);
    }

    /** @param result null for the action's own default (refused for a failed login, success for the others) */
    private void write(String user, HttpServletRequest request, String action, String target, String detail, String result) {
        String address = address(request);
        ActivityLog activity = log.get();
        try {
            if (activity == null) {
                throw new IllegalStateException("no activity log service");
            }
            if (result == null) {
                activity.record(user, address, action, target, detail);
            } else {
                activity.record(user, address, action, target, detail, result);
            }
        } catch (RuntimeException e) {
            LOG.error("Activity NOT recorded (the action itself succeeded): user={} address={} action={} target={} detail={}",
                    user, address, action, target, detail, e);
            if (request != null) {
                try {
                    request.setAttribute(ATTRIBUTE, action);
                } catch (IllegalStateException ignored) {
                    // no request in scope
                }
            }
        }
    }

    /** Adds {@value #NOT_RECORDED} to an answer whose action could not be recorded. */
    static final class FailureHeader implements ContainerResponseFilter {
        @Context
        private HttpServletRequest request;

        @Override
        public void filter(ContainerRequestContext req, ContainerResponseContext resp) {
            Object failed;
            try {
                failed = request == null ? null : request.getAttribute(ATTRIBUTE);
            } catch (IllegalStateException e) {
                failed = null;
            }
            if (failed != null) {
                resp.getHeaders().putSingle(NOT_RECORDED, failed.toString());
            }
        }
    }
}
