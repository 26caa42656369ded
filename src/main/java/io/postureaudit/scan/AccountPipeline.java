package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.terraform.TerraformStateReader;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.drift.ChangeVariable;
import io.postureaudit.drift.DriftService;
import io.postureaudit.rules.ChangedResource;
import io.postureaudit.rules.Severity;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.ReconcileInput;
import io.postureaudit.findings.ScoreService;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.principals.PrincipalAnalysisService;
import io.postureaudit.rules.RuleEngine;
import io.postureaudit.rules.RuleSet;
import io.postureaudit.terraform.TerraformItem;
import io.postureaudit.terraform.TerraformService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to one account's collected data: inventory, least-privilege analysis, rules, findings, then the
 * scan's record of it. Live scans and offline imports both come through here. It is one transaction, so an
 * account's resources, versions, analysis and findings become visible together, or the previous complete state
 * stays current; a per-account lock keeps two scans of the same account (on any node) from interleaving.
 */
@ApplicationScoped
public class AccountPipeline {

    private final InventoryService inventory;
    private final RuleEngine rules;
    private final FindingService findings;
    private final ScanStore scans;
    private final Clock clock;
    private final ScoreService scores;
    private final PrincipalAnalysisService analysis;
    private final AnalysisContext context;
    private final ScanMetrics metrics;
    private final TerraformStateReader states;
    private final TerraformService terraform;
    private final DriftService drift;
    private final int storeTimeoutSeconds;

    public AccountPipeline(InventoryService inventory, RuleEngine rules, FindingService findings, ScanStore scans,
            Clock clock, ScoreService scores, PrincipalAnalysisService analysis, AnalysisContext context,
            ScanMetrics metrics, TerraformStateReader states, TerraformService terraform,
            DriftService drift, PostureConfig config) {
        this.storeTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, config.scan().storeTimeout().toSeconds()));
        this.inventory = inventory;
        this.rules = rules;
        this.findings = findings;
        this.scans = scans;
        this.clock = clock;
        this.scores = scores;
        this.analysis = analysis;
        this.context = context;
        this.metrics = metrics;
        this.states = states;
        this.terraform = terraform;
        this.drift = drift;
    }

    /** How long one account's store may take (posture.scan.store-timeout) before its transaction is rolled back. */
    public Duration storeTimeout() {
        return Duration.ofSeconds(storeTimeoutSeconds);
    }

    /**
     * @param siblings the other accounts of an in-memory scan, used for cross-account analysis instead of the store
     * @return false when the account's result was already recorded (a recovered job running a second time)
     */
    public boolean process(long scanId, Collected collected, boolean sample, List<Collected> siblings) {
        // One transaction, with its own time limit: a large account's store outlasts the default 60 s.
        return QuarkusTransaction.joiningExisting().timeout(storeTimeoutSeconds)
                .call(() -> store(scanId, collected, sample, siblings));
    }

    private boolean store(long scanId, Collected collected, boolean sample, List<Collected> siblings) {
        String accountId = collected.account().id();
        scans.lockAccount(accountId);
        if (scans.recorded(scanId, accountId)) {
            return false;
        }
        inventory.ensureAccount(accountId, collected.account().name(), sample);
        List<Gap> ruleGaps = new ArrayList<>();
        if (collected.failure() == null) {
            inventory.store(scanId, accountId, collected.resources());
            List<CollectedResource> others = context.forAccount(collected, siblings);
            // Right after the account's snapshot is written, in the account's own job. Effects also need the other
            // accounts' permission sets, policies and Identity Center holders (read only if an IAM change is there).
            DriftService.Result changes = drift.changes(scanId, collected, () -> {
                List<CollectedResource> elsewhere = new ArrayList<>(others);
                elsewhere.addAll(context.identityCenterInto(collected, siblings));
                return elsewhere;
            });
            ruleGaps.addAll(changes.gaps());
            PrincipalAnalysisService.Result analyses = analysis.analyze(List.of(collected,
                    new Collected(collected.account(), others, List.of(), Set.of(), null)));
            // Only this account's analyses are kept: another account's come from its own job, from its own data.
            analysis.store(scanId, List.of(collected), analyses.analyses());
            // An unreadable policy document is a gap: it holds that principal's findings and shows in the scan.
            analyses.gaps().stream().filter(g -> g.accountId().equals(accountId)).forEach(ruleGaps::add);
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", accountId);
            account.put("name", collected.account().name());
            account.put("sample", sample);
            TerraformService.Assessment standing = sample ? TerraformService.Assessment.none()
                    : terraform.assess(scanId, collected, states.forScan(scanId));
            ruleGaps.addAll(standing.gaps());
            RuleSet ruleSet = rules.ruleSet();
            RuleEngine.Result resourceResult = metrics.timeRules(accountId, () -> RuleEngine.evaluate(ruleSet, account,
                    collected.resources(), analyses.factsByArn(), standing.facts(), clock.instant()));
            RuleEngine.Result changeResult = RuleEngine.evaluateChanges(ruleSet, account, collected.resources(),
                    changes.changes().stream().map(c -> new ChangedResource(ChangeVariable.resource(c),
                            ChangeVariable.of(c))).toList(), analyses.factsByArn(), clock.instant());
            RuleEngine.Result result = combine(resourceResult, changeResult);
            Set<String> unknown = new HashSet<>();
            unknownWithoutAllStates(standing, unknown);
            Map<String, String> regionOf = new LinkedHashMap<>();
            collected.resources().forEach(r -> regionOf.put(r.arn(), r.region()));
            for (RuleEngine.EvaluationError error : result.errors()) {
                unknown.add(error.ruleId() + "|" + error.resourceArn());
                ruleGaps.add(new Gap(accountId, regionOf.getOrDefault(error.resourceArn(), "global"), "rules",
                        "evaluate " + error.ruleId(), error.error(), error.resourceArn()));
            }
            List<Gap> gaps = new ArrayList<>(collected.gaps());
            gaps.addAll(ruleGaps);
            findings.reconcile(new ReconcileInput(scanId, accountId, collected.account().name(), sample, result.hits(),
                    result.evaluatedRules(), collected.attempted(), gaps, result.reads(ruleSet), unknown));
            scores.record(scanId, accountId, collected.account().name(), result.checks());
            drift.score(scanId, accountId);
        }
        scans.recordAccount(scanId, collected, ruleGaps);
        return true;
    }

    /**
     * With a state unreadable, "in no state" is not known for any resource: the Terraform rules' findings on
     * resources that look unmanaged keep their status instead of resolving or being raised from half the picture.
     */
    private void unknownWithoutAllStates(TerraformService.Assessment standing, Set<String> unknown) {
        if (standing.complete()) {
            return;
        }
        Set<String> terraformRules = rules.ruleIdsTagged("terraform");
        for (TerraformItem item : standing.items()) {
            if (TerraformItem.UNMANAGED.equals(item.status())) {
                terraformRules.forEach(rule -> unknown.add(rule + "|" + item.resourceArn()));
            }
        }
    }

    /** Resource and change results together; only resource rules count as evaluated (change findings never resolve by absence). */
    private static RuleEngine.Result combine(RuleEngine.Result resources, RuleEngine.Result changes) {
        List<io.postureaudit.rules.RuleHit> hits = new ArrayList<>(resources.hits());
        hits.addAll(changes.hits());
        List<RuleEngine.EvaluationError> errors = new ArrayList<>(resources.errors());
        errors.addAll(changes.errors());
        Map<Severity, Long> checks = new java.util.EnumMap<>(Severity.class);
        checks.putAll(resources.checks());
        changes.checks().forEach((severity, n) -> checks.merge(severity, n, Long::sum));
        return new RuleEngine.Result(hits, errors, resources.evaluatedRules(), checks);
    }
}
