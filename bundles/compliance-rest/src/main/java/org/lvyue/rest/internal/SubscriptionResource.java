package org.lvyue.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import javax.annotation.security.RolesAllowed;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.ForbiddenException;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.lvyue.api.contract.Contract;
import org.lvyue.api.fact.FactProblem;
import org.lvyue.api.finding.Severity;
import org.lvyue.api.notify.Channel;
import org.lvyue.api.notify.NotificationKind;
import org.lvyue.api.notify.NotificationSubscriptions;
import org.lvyue.api.notify.Subscription;
import org.lvyue.api.service.BusyException;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.InvalidInputException;
import org.lvyue.api.service.NotFoundException;

/**
 * A contract's notification subscriptions (who receives what, issue #23): each belongs to one of the contract's
 * organisations, and only that organisation's admins (or the operator) see, add and remove it. A 钉钉 secret is never
 * shown back.
 */
@Path("contracts/{id}/subscriptions")
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SubscriptionResource {
    private final Contracts contracts;
    private final Supplier<NotificationSubscriptions> subscriptions;
    private final ObjectMapper mapper;

    SubscriptionResource(Contracts contracts, Supplier<NotificationSubscriptions> subscriptions, ObjectMapper mapper) {
        this.contracts = contracts;
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    /** What a client sends; {@code minSeverity} defaults to HIGH. */
    public record SubscriptionBody(String party, String name, String channel, String target, String secret,
                                   List<String> kinds, String minSeverity) {
    }

    /** A subscription as the API shows it: whether it has a secret, never the secret. */
    public record SubscriptionView(long id, String contract, String party, String name, Channel channel, String target,
                                   boolean signed, List<NotificationKind> kinds, Severity minSeverity, String createdBy,
                                   Instant createdAt) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id(), s.contract(), s.party(), s.name(), s.channel(), s.target(), s.secret() != null,
                    s.kinds().stream().sorted().toList(), s.minSeverity(), s.createdBy(), s.createdAt());
        }
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public List<SubscriptionView> list(@PathParam("id") String id, @Context ContainerRequestContext request) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        return service().subscriptions(id).stream().filter(s -> manages(s.party(), scope)).map(SubscriptionView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response add(@PathParam("id") String id, InputStream body, @Context ContainerRequestContext request,
                        @Context HttpServletRequest http) throws IOException {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        NotificationSubscriptions service = service();
        Contract contract = contracts.contract(id);
        SubscriptionBody b = mapper.readValue(Params.utf8(body.readAllBytes()), SubscriptionBody.class);
        Subscription s = parsed(contract, b);
        if (!manages(s.party(), scope)) {
            throw new ForbiddenException(ApiError.response(403, "not-the-party-admin",
                    "只有机构 '" + s.party() + "' 的管理员可以为其添加通知订阅",
                    "Only an admin of the organisation manages its subscriptions"));
        }
        Subscription added = service.addSubscription(s, scope.caller().name(), Activity.address(http));
        return Response.status(201).entity(SubscriptionView.of(added)).build();
    }

    @DELETE
    @Path("{subscription}")
    @RolesAllowed(Roles.ADMIN)
    public SubscriptionView remove(@PathParam("id") String id, @PathParam("subscription") long subscription,
                                   @Context ContainerRequestContext request, @Context HttpServletRequest http) {
        PartyScopeFilter.Scoped scope = PartyScopeFilter.scope(request);
        NotificationSubscriptions service = service();
        Subscription s = service.subscription(id, subscription)
                .orElseThrow(() -> new NotFoundException("合同 '" + id + "' 没有编号为 " + subscription + " 的通知订阅"));
        if (!manages(s.party(), scope)) {
            throw new ForbiddenException(ApiError.response(403, "not-the-party-admin",
                    "只有机构 '" + s.party() + "' 的管理员可以删除其通知订阅",
                    "Only an admin of the organisation manages its subscriptions"));
        }
        service.removeSubscription(id, subscription, scope.caller().name(), Activity.address(http));
        return SubscriptionView.of(s);
    }

    private NotificationSubscriptions service() {
        NotificationSubscriptions s = subscriptions.get();
        if (s == null) {
            throw new BusyException(BusyException.Reason.NOT_READY, "通知订阅服务尚未就绪，请稍后重试 (subscriptions are not available yet)",
                    java.time.Duration.ofSeconds(5));
        }
        return s;
    }

    private static boolean manages(String party, PartyScopeFilter.Scoped scope) {
        // subscriptions are configuration, the system administrator's (the operator's), not the security administrator's
        return scope.caller().operator() || scope.memberships().stream()
                .anyMatch(m -> m.organisation().equals(party) && m.role().equals(Roles.ADMIN));
    }

    /** The body as a subscription, field by field; every problem named, Chinese first. */
    static Subscription parsed(Contract contract, SubscriptionBody b) {
        List<FactProblem> problems = new ArrayList<>();
        String party = b.party() == null ? "" : b.party().trim();
        if (!contract.organisations().contains(party)) {
            problems.add(new FactProblem(-1, "party", "应为本合同的参与机构之一 " + contract.organisations() + "：'" + party + "'"
                    + " (one of the contract's organisations)"));
        }
        Channel channel = null;
        try {
            channel = Channel.valueOf(String.valueOf(b.channel()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FactProblem(-1, "channel", "渠道应为 " + Arrays.toString(Channel.values()) + " 之一：'" + b.channel() + "'"
                    + " (the channel is one of these)"));
        }
        if (b.target() == null || b.target().isBlank()) {
            problems.add(new FactProblem(-1, "target", "接收地址（邮箱或网址）不能为空 (the target must not be empty)"));
        }
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (b.kinds() == null || b.kinds().isEmpty()) {
            problems.add(new FactProblem(-1, "kinds", "至少订阅一种通知：" + NotificationKind.contractKinds()
                    + " (at least one kind)"));
        } else {
            for (int i = 0; i < b.kinds().size(); i++) {
                try {
                    kinds.add(NotificationKind.ofContracts(String.valueOf(b.kinds().get(i))));
                } catch (IllegalArgumentException e) {
                    problems.add(new FactProblem(-1, "kinds[" + i + "]", "通知类别应为 " + NotificationKind.contractKinds()
                            + " 之一：'" + b.kinds().get(i) + "' (the kind is one of these)"));
                }
            }
        }
        Severity min = Severity.HIGH;
        if (b.minSeverity() != null) {
            try {
                min = Severity.valueOf(b.minSeverity().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FactProblem(-1, "minSeverity", "最低严重程度应为 " + Arrays.toString(Severity.values())
                        + " 之一：'" + b.minSeverity() + "' (the least severity is one of these)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("通知订阅数据有误，未保存：" + problems.get(0).field() + "：" + problems.get(0).reason(),
                    problems);
        }
        String secret = b.secret() == null || b.secret().isEmpty() ? null : b.secret();
        return new Subscription(0, contract.id(), party, b.name() == null ? "" : b.name().trim(), channel, b.target().trim(),
                secret, kinds, min, null, null);
    }
}
