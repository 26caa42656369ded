package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.terraform.TerraformStateReader;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.ReconcileInput;
import io.postureaudit.findings.ScoreService;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.rules.RuleEngine;
import io.postureaudit.terraform.TerraformItem;
import io.postureaudit.terraform.TerraformService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to one account's collected data: inventory, rules, findings, then the scan's record of it.
 * Live scans and offline imports both come through here.
 */
@ApplicationScoped
public class AccountPipeline {

    private final InventoryService inventory;
    private final RuleEngine rules;
    private final FindingService findings;
    private final ScanStore scans;
    private final Clock clock;
    private final ScoreService scores;
    private final TerraformStateReader states;
    private final TerraformService terraform;

    public AccountPipeline(InventoryService inventory, RuleEngine rules, FindingService findings, ScanStore scans,
            Clock clock, ScoreService scores, TerraformStateReader states, TerraformService terraform) {
        this.inventory = inventory;
        this.rules = rules;
        this.findings = findings;
        this.scans = scans;
        this.clock = clock;
        this.scores = scores;
        this.states = states;
        this.terraform = terraform;
    }

    /**
     * @param principalFacts least-privilege facts by principal ARN for the rules' {@code principal} variable
     */
    public void process(long scanId, Collected collected, boolean sample,
            Map<String, Map<String, Object>> principalFacts) {
        String accountId = collected.account().id();
        inventory.ensureAccount(accountId, collected.account().name(), sample);
        List<Gap> ruleGaps = new ArrayList<>();
        if (collected.failure() == null) {
            inventory.store(scanId, accountId, collected.resources());
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", accountId);
            account.put("name", collected.account().name());
            account.put("sample", sample);
            TerraformService.Assessment standing = sample ? TerraformService.Assessment.none()
                    : terraform.assess(scanId, collected, states.forScan(scanId));
            ruleGaps.addAll(standing.gaps());
            RuleEngine.Result result = rules.evaluate(account, collected.resources(), principalFacts,
                    standing.facts(), clock.instant());
            Set<String> unknown = new HashSet<>();
            unknownWithoutAllStates(standing, unknown);
            Map<String, String> regionOf = new LinkedHashMap<>();
            collected.resources().forEach(r -> regionOf.put(r.arn(), r.region()));
            for (RuleEngine.EvaluationError error : result.errors()) {
                unknown.add(error.ruleId() + "|" + error.resourceArn());
                ruleGaps.add(new Gap(accountId, regionOf.getOrDefault(error.resourceArn(), "global"), "rules",
                        "evaluate " + error.ruleId(), error.error(), error.resourceArn()));
            }
            Set<String> gapArns = new HashSet<>();
            collected.gaps().stream().filter(g -> g.resourceArn() != null).forEach(g -> gapArns.add(g.resourceArn()));
            findings.reconcile(new ReconcileInput(scanId, accountId, collected.account().name(), sample, result.hits(),
                    result.evaluatedRules(), collected.completeScopes(), gapArns, unknown));
            scores.record(scanId, accountId, collected.account().name(), result.checks());
        }
        scans.recordAccount(scanId, collected, ruleGaps);
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
}
