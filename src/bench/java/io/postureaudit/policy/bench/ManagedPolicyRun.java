package io.postureaudit.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.model.PolicyParser;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Our in-process side of {@link PeerBenchmark}: load the action catalogue, read the managed policy corpus file
 * (get-account-authorization-details output), parse and analyse every policy {@code rounds} times; prints one JSON
 * line with each round's time.
 */
public final class ManagedPolicyRun {

    private ManagedPolicyRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected: CORPUS_FILE ROUNDS, found " + args.length + " arguments");
        }
        long start = System.nanoTime();
        ActionCatalog catalog = ActionCatalog.standard();
        double catalogMs = (System.nanoTime() - start) / 1e6;
        JsonNode corpus = new ObjectMapper().readTree(new File(args[0])).get("Policies");
        int rounds = Integer.parseInt(args[1]);
        List<Double> roundsMs = new ArrayList<>();
        int risks = 0;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            PolicyDocumentAnalyzer analyzer = new PolicyDocumentAnalyzer(catalog, java.time.Clock.systemUTC());
            risks = 0;
            for (JsonNode p : corpus) {
                risks += analyzer.analyze(p.get("Arn").asText(),
                        PolicyParser.parse(p.get("PolicyVersionList").get(0).get("Document"))).risks().size();
            }
            roundsMs.add((System.nanoTime() - t) / 1e6);
        }
        System.out.println("{\"policies\":" + corpus.size() + ",\"risks\":" + risks + ",\"catalogMs\":" + catalogMs
                + ",\"roundsMs\":" + roundsMs + "}");
    }
}
