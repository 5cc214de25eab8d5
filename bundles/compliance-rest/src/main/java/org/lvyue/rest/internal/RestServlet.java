package org.lvyue.rest.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import javax.servlet.Servlet;

import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.servlet.ServletContainer;
import org.lvyue.api.access.Parties;
import org.lvyue.api.activity.ActivityLog;
import org.lvyue.api.audit.AuditLog;
import org.lvyue.api.engine.ComplianceEngine;
import org.lvyue.api.service.Accounts;
import org.lvyue.api.service.Assessments;
import org.lvyue.api.service.Contracts;
import org.lvyue.api.service.Dashboards;
import org.lvyue.api.service.EvidenceIntegrity;
import org.lvyue.api.service.FactIntake;
import org.lvyue.api.service.FactQueries;
import org.lvyue.api.service.Findings;
import org.lvyue.api.service.Collectors;
import org.lvyue.api.report.ReportService;
import org.lvyue.api.security.AccessPolicy;
import org.lvyue.api.security.LoginAttempts;
import org.lvyue.api.service.PkiIntake;
import org.lvyue.api.signing.DocumentSigner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The REST API: a Jersey application registered on Karaf's HTTP whiteboard under {@code /api}.
 * Resources are registered as instances with the services they need; nothing is scanned.
 */
@Component(service = Servlet.class, configurationPid = RestServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=lvyue-rest"})
@org.osgi.service.metatype.annotations.Designate(ocd = RestServlet.Config.class)
public class RestServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    static final String PID = "org.lvyue.rest";

    @org.osgi.service.metatype.annotations.ObjectClassDefinition(id = PID, name = "Lvyue REST API",
            description = "The REST API under /api.")
    public @interface Config {
        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Deploy folder",
                description = "Where uploaded domain bundles are written (Felix File Install's folder);"
                        + " ${karaf.base} is the Karaf base directory.")
        String deployDir() default "${karaf.base}/deploy";

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Largest bundle upload (bytes)", min = "1")
        long maxBundleBytes() default DeployFolder.DEFAULT_MAX_BYTES;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Largest request body (bytes)", min = "1",
                description = "Fact batches, CSV sheets, audit entries, contract definitions and every other body; beyond it: 413")
        long maxRequestBytes() default RequestLimits.DEFAULT_MAX_REQUEST_BYTES;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Largest certificate upload (bytes)", min = "1")
        long maxCertificateBytes() default RequestLimits.DEFAULT_MAX_CERTIFICATE_BYTES;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Reports rendered at once", min = "1",
                description = "PDF reports (and their signatures) rendered at the same time; past them, after the wait: 503 with Retry-After")
        int maxConcurrentReports() default WorkSlots.DEFAULT_REPORTS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "What-ifs evaluated at once", min = "1",
                description = "What-if evaluations at the same time; past them, after the wait: 503 with Retry-After")
        int maxConcurrentWhatIfs() default WorkSlots.DEFAULT_WHAT_IFS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Wait for a report or what-if slot (ms)", min = "0")
        long capacityWaitMillis() default WorkSlots.DEFAULT_WAIT_MILLIS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "API requests at once", min = "1",
                description = "Requests under /api served at the same time (health aside); past them, after the wait: 503 with Retry-After")
        int maxConcurrentRequests() default RequestSlots.DEFAULT_MAX;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Wait for a request slot (ms)", min = "0")
        long requestWaitMillis() default RequestSlots.DEFAULT_WAIT_MILLIS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Views of a whole contract at once", min = "1",
                description = "Dashboards, ledgers, facts pages, audit searches, integrity checks, reports and what-ifs"
                        + " served at the same time, within the API's requests; past them, after the wait: 503 with Retry-After")
        int maxConcurrentHeavyReads() default RequestSlots.DEFAULT_HEAVY_READS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(name = "Wait for a slot of a view of a whole contract (ms)", min = "0")
        long heavyReadWaitMillis() default RequestSlots.DEFAULT_HEAVY_READ_WAIT_MILLIS;

        @org.osgi.service.metatype.annotations.AttributeDefinition(description = "Minutes without a request after which a console session ends (login again)", min = "1")
        int sessionIdleMinutes() default 15;
    }

    /** Bounds the requests served at once, so that overload is answered 503 instead of piling up until timeouts. */
    private final transient RequestSlots requestSlots;
    /** Fewer still for the views computed from a whole contract ({@link RequestKind#HEAVY_READ}). */
    private final transient RequestSlots heavyReadSlots;
    /** The operators' metrics: told of every overload answer. */
    private final transient Refusals refusals;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRefusalListener(org.lvyue.api.metrics.RefusalListener l) {
        refusals.add(l);
    }

    void unbindRefusalListener(org.lvyue.api.metrics.RefusalListener l) {
        refusals.remove(l);
    }

    @Override
    public void service(javax.servlet.ServletRequest request, javax.servlet.ServletResponse response)
            throws javax.servlet.ServletException, java.io.IOException {
        if (requestSlots == null) {
            super.service(request, response);
            return;
        }
        boolean heavy = request instanceof javax.servlet.http.HttpServletRequest http
                && RequestKind.of(http) == RequestKind.HEAVY_READ;
        if (heavy && !heavyReadSlots.enter()) {
            refusals.refused(503, Refusals.HEAVY_READ_SLOTS);
            RequestSlots.refuse(response);
            return;
        }
        try {
            if (!requestSlots.enter()) {
                refusals.refused(503, Refusals.REQUEST_SLOTS);
                RequestSlots.refuse(response);
                return;
            }
            try {
                super.service(request, response);
            } finally {
                requestSlots.leave();
            }
        } finally {
            if (heavy) {
                heavyReadSlots.leave();
            }
        }
    }

    /** The deploy folder of the configuration, {@code ${karaf.base}} replaced by the system property. */
    static java.nio.file.Path deployDir(Config config) {
        return java.nio.file.Path.of(config.deployDir().replace("${karaf.base}", System.getProperty("karaf.base", ".")));
    }

    /** Bound dynamically: a new collector configuration replaces the collectors without taking the API down. */
    private final AtomicReference<Collectors> collectors;
    /** Bound dynamically too: notification subscriptions (issue #23); their resource answers 503 while absent. */
    private final AtomicReference<org.lvyue.api.notify.NotificationSubscriptions> subscriptions;
    /** Bound dynamically too: the reports and the signer come and go with their bundles and key store. */
    private final AtomicReference<ReportService> reports;
    private final AtomicReference<DocumentSigner> signer;

    @Activate
    public RestServlet(@Reference Contracts contracts, @Reference FactIntake intake, @Reference FactQueries queries,
                       @Reference Findings findings, @Reference Assessments assessments, @Reference Accounts accounts,
                       @Reference Dashboards dashboards, @Reference EvidenceIntegrity integrity,
                       @Reference ComplianceEngine engine, @Reference PkiIntake pki,
                       @Reference AuditLog audit, @Reference ActivityLog activity, @Reference AccessPolicy policy,
                       @Reference Parties parties, @Reference LoginAttempts attempts,
                       @Reference org.lvyue.api.security.RealmAuthenticator authenticator,
                       @Reference org.lvyue.api.security.SecondFactor secondFactor,
                       @Reference org.lvyue.api.security.CertificateLogin certificates,
                       @Reference org.lvyue.api.security.SecurityAlarms alarms,
                       @Reference org.lvyue.api.checklist.Checklists checklists,
                       @Reference org.lvyue.api.cluster.ContractOwners owners, Config config) {
        this(new UseCases(contracts, intake, queries, findings, assessments, accounts, dashboards, integrity, parties,
                checklists), engine, pki,
                audit, activity, policy, new Logins(authenticator, attempts, secondFactor, alarms, certificates), new ConsoleSessions(java.time.Duration.ofMinutes(Math.max(1,
                        config.sessionIdleMinutes())), java.time.Clock.systemUTC()), owners.clustered(),
                new DeployFolder(deployDir(config), config.maxBundleBytes()),
                new RequestLimits(config.maxRequestBytes(), config.maxCertificateBytes(), config.maxBundleBytes()),
                new WorkSlots(config.maxConcurrentReports(), config.maxConcurrentWhatIfs(),
                        java.time.Duration.ofMillis(config.capacityWaitMillis())),
                new RequestSlots(config.maxConcurrentRequests(), java.time.Duration.ofMillis(config.requestWaitMillis())),
                new RequestSlots(config.maxConcurrentHeavyReads(), java.time.Duration.ofMillis(config.heavyReadWaitMillis())),
                new AtomicReference<>(), new AtomicReference<>(), new AtomicReference<>(), new AtomicReference<>(),
                new Refusals());
    }

    private RestServlet(UseCases uses, ComplianceEngine engine, PkiIntake pki, AuditLog audit,
                        ActivityLog activity, AccessPolicy policy, Logins logins, ConsoleSessions sessions,
                        boolean clustered, DeployFolder jars, RequestLimits limits, WorkSlots slots,
                        RequestSlots requestSlots, RequestSlots heavyReadSlots, AtomicReference<Collectors> collectors, AtomicReference<ReportService> reports,
                        AtomicReference<DocumentSigner> signer,
                        AtomicReference<org.lvyue.api.notify.NotificationSubscriptions> subscriptions, Refusals refusals) {
        super(application(uses, engine, pki, audit, () -> activity, jars, limits, slots, collectors::get, reports::get,
                signer::get, policy, subscriptions::get, refusals, logins, sessions));
        this.subscriptions = subscriptions;
        this.sessions = sessions;
        this.clustered = clustered;
        this.requestSlots = requestSlots;
        this.heavyReadSlots = heavyReadSlots;
        this.refusals = refusals;
        this.collectors = collectors;
        this.reports = reports;
        this.signer = signer;
    }

    /** The console's logins; shared with the other nodes through the database on a node of a cluster. */
    private final transient ConsoleSessions sessions;
    private final boolean clustered;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSharedSessions(org.lvyue.api.store.SharedSessions s) {
        if (clustered) {
            sessions.share(s);
        }
    }

    void unbindSharedSessions(org.lvyue.api.store.SharedSessions s) {
        if (clustered) {
            sessions.share(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCollectors(Collectors c) {
        collectors.set(c);
    }

    void unbindCollectors(Collectors c) {
        collectors.compareAndSet(c, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSubscriptions(org.lvyue.api.notify.NotificationSubscriptions s) {
        subscriptions.set(s);
    }

    void unbindSubscriptions(org.lvyue.api.notify.NotificationSubscriptions s) {
        subscriptions.compareAndSet(s, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindReports(ReportService r) {
        reports.set(r);
    }

    void unbindReports(ReportService r) {
        reports.compareAndSet(r, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSigner(DocumentSigner s) {
        signer.set(s);
    }

    void unbindSigner(DocumentSigner s) {
        signer.compareAndSet(s, null);
    }

    static ObjectMapper mapper() {
        return mapper(RequestLimits.DEFAULT_MAX_REQUEST_BYTES);
    }

    /** Nesting depth of any document the API reads (a contract definition needs 4; facts 3). */
    static final int MAX_JSON_DEPTH = 32;
    /** Digits of a JSON number: money needs 20; a thousand-digit number is an attack, not an amount. */
    static final int MAX_JSON_NUMBER_LENGTH = 100;

    /** @param maxStringLength the longest JSON string; a body's limit bounds it anyway */
    static ObjectMapper mapper(long maxStringLength) {
        com.fasterxml.jackson.core.JsonFactory json = com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_DEPTH).maxNumberLength(MAX_JSON_NUMBER_LENGTH).maxNameLength(1000)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxStringLength)).build())
                .build();
        return new ObjectMapper(json).registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static ResourceConfig application(UseCases uses, ComplianceEngine engine, PkiIntake pki, AuditLog audit,
                                      Supplier<ActivityLog> activityLog, DeployFolder jars, Supplier<Collectors> collectors,
                                      Supplier<ReportService> reports, Supplier<DocumentSigner> signer,
                                      AccessPolicy policy) {
        return application(uses, engine, pki, audit, activityLog, jars, RequestLimits.defaults(), collectors, reports,
                signer, policy);
    }

    static ResourceConfig application(UseCases uses, ComplianceEngine engine, PkiIntake pki, AuditLog audit,
                                      Supplier<ActivityLog> activityLog, DeployFolder jars, RequestLimits limits,
                                      Supplier<Collectors> collectors, Supplier<ReportService> reports,
                                      Supplier<DocumentSigner> signer, AccessPolicy policy) {
        return application(uses, engine, pki, audit, activityLog, jars, limits, WorkSlots.defaults(), collectors, reports,
                signer, policy, () -> null);
    }

    static ResourceConfig application(UseCases uses, ComplianceEngine engine, PkiIntake pki, AuditLog audit,
                                      Supplier<ActivityLog> activityLog, DeployFolder jars, RequestLimits limits,
                                      WorkSlots slots, Supplier<Collectors> collectors, Supplier<ReportService> reports,
                                      Supplier<DocumentSigner> signer, AccessPolicy policy,
                                      Supplier<org.lvyue.api.notify.NotificationSubscriptions> subscriptions) {
        return application(uses, engine, pki, audit, activityLog, jars, limits, slots, collectors, reports, signer, policy,
                subscriptions, new Refusals(), Logins.NONE, defaultSessions());
    }

    /**
     * What a login needs beyond the policy: Karaf's realm, the lockout, the second factor, the alarms and the SM2 login
     * certificates. {@link #NONE}, for tests of other things, refuses every password and signature, counts nothing and
     * raises no alarm.
     */
    record Logins(org.lvyue.api.security.RealmAuthenticator realm, LoginAttempts attempts,
                  org.lvyue.api.security.SecondFactor secondFactor, org.lvyue.api.security.SecurityAlarms alarms,
                  org.lvyue.api.security.CertificateLogin certificates) {
        static final Logins NONE = new Logins(null, null, null, null, null);
    }

    private static ConsoleSessions defaultSessions() {
        return new ConsoleSessions(ConsoleSessions.DEFAULT_IDLE, java.time.Clock.systemUTC());
    }

    /**
     * @param slots    report rendering and what-if run in these (bounded concurrency, 503 past it)
     * @param logins   the realm to ask and what failed logins cost ({@link Logins#NONE} in tests of other things)
     * @param sessions the console's logins
     */
    static ResourceConfig application(UseCases uses, ComplianceEngine engine, PkiIntake pki, AuditLog audit,
                                      Supplier<ActivityLog> activityLog, DeployFolder jars, RequestLimits limits,
                                      WorkSlots slots, Supplier<Collectors> collectors, Supplier<ReportService> reports,
                                      Supplier<DocumentSigner> signer, AccessPolicy policy,
                                      Supplier<org.lvyue.api.notify.NotificationSubscriptions> subscriptions,
                                      Refusals refusals, Logins logins, ConsoleSessions sessions) {
        ObjectMapper mapper = mapper(limits.maxRequestBytes);
        Activity activity = new Activity(activityLog);
        PersonalData personal = new PersonalData(engine, activity);
        RealmLogin realm = new RealmLogin(logins.realm(), activity, policy, logins.attempts(), logins.secondFactor(),
                logins.alarms(), logins.certificates());
        BasicAuthFilter authentication = new BasicAuthFilter(realm, activity, uses.parties(), sessions);
        List<Object> resources = List.of(
                new SessionResource(realm, sessions, activity),
                new DomainResource(engine, jars, activity),
                new ContractResource(uses.contracts(), uses.intake(), uses.queries(), uses.findings(), mapper, activity, uses.parties(),
                        personal),
                new MeResource(),
                new SecondFactorResource(logins.secondFactor(), activity),
                new LoginCertificateResource(logins.certificates(), activity, authentication::forget),
                new LoginCertificatesResource(logins.certificates(), activity),
                new DashboardResource(uses.contracts(), uses.dashboards()),
                new FindingDetailResource(uses.contracts(), uses.queries(), uses.findings(), uses.accounts(), personal),
                new ActivityResource(activityLog, activity),
                new LedgerResource(uses.contracts(), uses.accounts()),
                new LintResource(uses.contracts()),
                new DraftLintResource(uses.contracts(), mapper),
                new ServicesResource(uses.contracts()),
                new ClauseTextResource(uses.contracts(), mapper, activity),
                new RenewalResource(uses.contracts(), mapper, activity),
                new IntegrityResource(uses.contracts(), uses.integrity()),
                new WhatIfResource(uses.contracts(), uses.accounts(), mapper, slots),
                new WaiverResource(uses.contracts(), uses.accounts(), mapper, activity),
                new AssessmentResource(uses.assessments()),
                new CertificateResource(pki, limits.maxCertificateBytes),
                new BaselineResource(uses.findings()),
                new CollectorResource(uses.contracts(), uses.queries(), collectors),
                new ReportResource(reports, slots, activity, uses.contracts()),
                new AuditResource(audit, mapper, personal),
                new SignatureResource(signer),
                new OpenApiResource(),
                new OrganisationResource(uses.parties(), mapper, policy),
                new TokenResource(uses.contracts(), uses.parties(), mapper),
                new SubscriptionResource(uses.contracts(), subscriptions, mapper),
                new ChecklistResource(uses.contracts(), uses.checklists(), engine, mapper, activity, personal));
        ResourceConfig config = new ResourceConfig()
                .register(new JacksonJsonProvider(mapper))
                .register(limits)
                .register(new Utf8Bodies())
                .register(authentication)
                .register(new BasicAuthFilter.EndedSessionHeader())
                .register(new PartyScopeFilter(uses.contracts(), uses.parties()))
                .register(new Activity.FailureHeader())
                .register(new DeniedAccessTrail(activity))
                .register(new SecurityHeaders())
                .register(RolesAllowedDynamicFeature.class)
                .register(new InstanceBinder(resources))
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        ErrorMappers.all(refusals).forEach(config::register);
        // the resources as classes, each bound to its instance (see InstanceBinder)
        resources.forEach(r -> config.register(r.getClass()));
        return config;
    }
}
