package io.postureaudit.principals;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.inventory.CanonicalJson;
import io.postureaudit.policy.AnalysisSettings;
import io.postureaudit.policy.PrincipalAnalysis;
import io.postureaudit.policy.PolicyAnalysis;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.PrincipalAnalyzer;
import io.postureaudit.policy.ReadCoverage;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import io.postureaudit.policy.model.PolicyParseException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the least-privilege analysis over everything one scan collected (all accounts at once, because a permission
 * set's customer managed policies live in the accounts it is provisioned to) and stores the result per principal.
 */
@Startup
@ApplicationScoped
public class PrincipalAnalysisService {

    private final PrincipalAnalyzer analyzer;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public PrincipalAnalysisService(PostureConfig config, AgroalDataSource dataSource, Clock clock) {
        // Loading the action catalogue and the bundled managed policies takes a second or two: do it at
        // start-up, not in the first scan.
        this.analyzer = new PrincipalAnalyzer(ActionCatalog.standard(),
                new AnalysisSettings(config.analysis().unusedDays()));
        ManagedPolicyLibrary.bundled().all();
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * The analyses of one scan, the facts rules see for each principal resource ARN, and what the analysis could
     * not read (one gap per principal with an unreadable policy document, to hold its findings and show in the scan).
     */
    public record Result(List<PrincipalAnalysis> analyses, Map<String, Map<String, Object>> factsByArn,
            List<Gap> gaps) {
    }

    public Result analyze(List<Collected> collected) {
        List<CollectedResource> all = collected.stream().filter(c -> c.failure() == null)
                .flatMap(c -> c.resources().stream()).toList();
        ReadCoverage coverage = new ReadCoverage(collected.stream().flatMap(c -> c.gaps().stream()).toList());
        List<PrincipalAnalysis> analyses = analyzer.analyzeAll(all, clock, coverage);
        // A permission set is analysed once per account it reaches; its resource carries the most privileged one
        // (one not judged counts as the worst: nothing shows it is better).
        Map<String, PrincipalAnalysis> worst = new HashMap<>();
        for (PrincipalAnalysis analysis : analyses) {
            worst.merge(analysis.arn(), analysis, (a, b) -> rank(b) < rank(a) ? b : a);
        }
        List<Gap> gaps = new ArrayList<>();
        Set<String> reported = new java.util.HashSet<>();
        // The collector already recorded a gap for a document it could not decode; one per principal is enough.
        collected.stream().flatMap(c -> c.gaps().stream()).filter(g -> g.resourceArn() != null)
                .forEach(g -> reported.add(g.accountId() + "|" + g.resourceArn()));
        for (PrincipalAnalysis analysis : analyses) {
            if (!analysis.errors().isEmpty() && reported.add(analysis.accountId() + "|" + analysis.arn())) {
                gaps.add(new Gap(analysis.accountId(), ResourceTypes.GLOBAL_REGION, "iam",
                        "GetAccountAuthorizationDetails", "UnreadablePolicy: " + String.join("; ", analysis.errors()),
                        analysis.arn()));
            }
        }
        Map<String, Map<String, Object>> facts = new HashMap<>();
        worst.forEach((arn, analysis) -> {
            Map<String, Object> f = new HashMap<>(analysis.facts());
            f.put("score", analysis.leastPrivilegeScore());
            f.put("risks", analysis.risks().stream().map(r -> r.category().id()).distinct().toList());
            facts.put(arn, f);
        });
        policyFacts(all, facts);
        return new Result(analyses, facts, gaps);
    }

    // A customer managed policy is judged on its own too (the rules' principal variable of an iam.policy resource):
    // what it grants and what holds it, so a risky policy is reported where it is written, attached or not yet.
    private void policyFacts(List<CollectedResource> all, Map<String, Map<String, Object>> facts) {
        // One per scan: its statement cache lives as long as the scan's documents.
        PolicyDocumentAnalyzer policies = new PolicyDocumentAnalyzer(ActionCatalog.standard(), clock);
        for (CollectedResource r : all) {
            if (!ResourceTypes.IAM_POLICY.equals(r.type()) || Boolean.TRUE.equals(r.data().get("awsManaged"))
                    || r.data().get("document") == null) {
                continue;
            }
            try {
                PolicyAnalysis analysis = policies.analyze(r);
                Map<String, Object> f = new HashMap<>(analysis.facts());
                f.put("risks", analysis.risks().stream().map(k -> k.category().id()).distinct().toList());
                f.put("attachedTo", PolicyQueries.attachedTo(r, all));
                f.put("policyErrors", List.of());
                facts.put(r.arn(), f);
            } catch (PolicyParseException | ClassCastException e) {
                facts.put(r.arn(), Map.of("policyErrors", List.of("document: " + e.getMessage()), "risks", List.of(),
                        "attachedTo", PolicyQueries.attachedTo(r, all)));
            }
        }
    }

    private static int rank(PrincipalAnalysis a) {
        return a.leastPrivilegeScore() == null ? -1 : a.leastPrivilegeScore();
    }

    /**
     * Stores the analyses of accounts whose authorization details were read completely in this scan; parts that
     * needed other reads are marked not judged in the analysis itself.
     */
    @Transactional
    public int store(long scanId, List<Collected> collected, List<PrincipalAnalysis> analyses) {
        Set<String> complete = collected.stream()
                .filter(c -> c.failure() == null
                        && c.attempted().contains(Collected.scope(ResourceTypes.GLOBAL_REGION, "iam"))
                        && new ReadCoverage(c.gaps()).authorizationComplete(c.account().id()))
                .map(c -> c.account().id()).collect(Collectors.toSet());
        List<PrincipalAnalysis> kept = new ArrayList<>();
        for (PrincipalAnalysis a : analyses) {
            if (complete.contains(a.accountId())) {
                kept.add(a);
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement content = connection.prepareStatement(
                        "insert into principal_analysis_content (content_hash, type, name, risks, facts, suggestion, "
                                + "unresolved, errors) values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb) "
                                + "on conflict do nothing");
                PreparedStatement row = connection.prepareStatement(
                        "insert into principal_analysis (scan_id, account_id, arn, score, content_hash) "
                                + "values (?, ?, ?, ?, ?) on conflict do nothing")) {
            for (PrincipalAnalysis a : kept) {
                String risks = PrincipalJson.write(a.risks());
                String facts = CanonicalJson.write(a.facts());
                String suggestion = a.suggestion() == null ? null : PrincipalJson.write(a.suggestion());
                String unresolved = CanonicalJson.write(a.unresolved());
                String errors = CanonicalJson.write(a.errors());
                String hash = CanonicalJson.sha256(String.join("\n", a.type(), String.valueOf(a.name()), risks, facts,
                        String.valueOf(suggestion), unresolved, errors));
                content.setString(1, hash);
                content.setString(2, a.type());
                content.setString(3, a.name());
                content.setString(4, risks);
                content.setString(5, facts);
                content.setString(6, suggestion);
                content.setString(7, unresolved);
                content.setString(8, errors);
                content.addBatch();
                row.setLong(1, scanId);
                row.setString(2, a.accountId());
                row.setString(3, a.arn());
                if (a.leastPrivilegeScore() == null) {
                    row.setNull(4, java.sql.Types.INTEGER);
                } else {
                    row.setInt(4, a.leastPrivilegeScore());
                }
                row.setString(5, hash);
                row.addBatch();
            }
            content.executeBatch();
            row.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + kept.size() + " principal analyses of scan " + scanId
                    + " failed: " + e.getMessage(), e);
        }
        return kept.size();
    }
}
