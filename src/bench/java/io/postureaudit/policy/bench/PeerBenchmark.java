package io.postureaudit.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.policy.catalog.ManagedPolicy;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.policy.eval.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side by side in one run, against the pinned npm peers in {@code target/bench-npm} (src/bench/npm): the
 * whole-process analysis of the bundled AWS managed policies against {@code @cloud-copilot/iam-expand}'s
 * whole-process expansion of the same statements, warm in-process times of both, and our simulator against
 * {@code @cloud-copilot/iam-simulate} (a separate Node process: AGPL-3.0) on one shared request set, with decisions
 * per second and their agreement. Prints figures for docs/benchmarks.md; it asserts nothing.
 */
public final class PeerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINCIPAL = "arn:aws:iam::111122223333:user/bench";
    private static final List<String> ACTIONS = List.of("s3:GetObject", "s3:PutObject", "iam:CreateUser",
            "iam:PassRole", "ec2:RunInstances", "lambda:InvokeFunction", "kms:Decrypt", "sts:AssumeRole",
            "dynamodb:GetItem", "logs:PutLogEvents");
    private static final int POLICY_STRIDE = 5;
    private static final Path LAUNCHER = Path.of("src/main/dist/analyse-policies.sh");

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("expected: NPM_DIR RUNS, found " + args.length + " arguments");
        }
        Path npm = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        List<ManagedPolicy> policies = new ArrayList<>(ManagedPolicyLibrary.bundled().all());
        policies.sort(Comparator.comparing(ManagedPolicy::name));
        // The corpus is what an auditor is handed: get-account-authorization-details output, as the AWS CLI prints
        // it, holding every AWS managed policy at its default version.
        ArrayNode corpus = JSON.createArrayNode();
        ObjectNode details = JSON.createObjectNode();
        ArrayNode listed = details.putArray("Policies");
        for (ManagedPolicy p : policies) {
            JsonNode document = JSON.readTree(p.document());
            corpus.addObject().put("name", p.name()).set("document", document);
            ObjectNode entry = listed.addObject().put("PolicyName", p.name()).put("Arn", p.arn())
                    .put("Path", p.path()).put("DefaultVersionId", p.versionId());
            entry.putArray("PolicyVersionList").addObject().put("VersionId", p.versionId())
                    .put("IsDefaultVersion", true).set("Document", document);
        }
        Path corpusFile = npm.resolve("corpus.json");
        JSON.writeValue(corpusFile.toFile(), details);
        System.out.println("corpus: " + corpus.size() + " AWS managed policies, as get-account-authorization-details"
                + " output -> " + corpusFile);

        // Ours is the shipped command, started by its own launcher with the class path it has when installed (this
        // build's classes and Jackson); for comparison, the same analysis in a JVM with default flags and the whole
        // test class path.
        List<String> command = List.of("sh", LAUNCHER.toAbsolutePath().toString(), corpusFile.toString());
        List<String> defaults = List.of(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ManagedPolicyRun.class.getName(), corpusFile.toString(), "1");
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(wall(command, npm));
            theirs.add(wall(List.of("node", "expand.mjs", corpusFile.toString(), "1"), npm));
            plain.add(wall(defaults, npm));
        }
        System.out.printf("whole process, %d runs alternating: ours (analyse-policies.sh, full analysis) median %.0f ms"
                + " %s, iam-expand (expansion only) median %.0f ms %s, ratio %.2fx%n", runs, median(ours), ours,
                median(theirs), theirs, median(ours) / median(theirs));
        System.out.printf("  for comparison, the same analysis in a JVM with default flags and the test class path:"
                + " median %.0f ms %s, %.2fx iam-expand%n", median(plain), plain, median(plain) / median(theirs));

        JsonNode oursWarm = JSON.readTree(output(List.of(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ManagedPolicyRun.class.getName(), corpusFile.toString(), "8"), npm));
        JsonNode theirsWarm = JSON.readTree(output(List.of("node", "expand.mjs", corpusFile.toString(), "8"), npm));
        double ow = warmMedian(oursWarm.get("roundsMs"));
        double tw = warmMedian(theirsWarm.get("roundsMs"));
        System.out.printf("in process, 8 rounds (first 3 warm-up): ours (parse + full analysis, %d risks) median %.1f ms,"
                + " first %.0f ms, catalogue load %.0f ms; iam-expand (expansion only, %d actions) median %.1f ms,"
                + " first %.0f ms; ratio %.2fx%n", oursWarm.get("risks").asInt(), ow,
                oursWarm.get("roundsMs").get(0).asDouble(), oursWarm.get("catalogMs").asDouble(),
                theirsWarm.get("actions").asInt(), tw, theirsWarm.get("roundsMs").get(0).asDouble(), ow / tw);

        simulate(corpus, npm);
    }

    private static void simulate(ArrayNode corpus, Path npm) throws Exception {
        ArrayNode requests = JSON.createArrayNode();
        for (int i = 0; i < corpus.size(); i += POLICY_STRIDE) {
            for (String action : ACTIONS) {
                ObjectNode q = requests.addObject();
                q.put("policy", corpus.get(i).get("name").asText());
                q.put("principal", PRINCIPAL);
                q.put("action", action);
                q.put("resource", "*");
                q.put("resourceAccount", "111122223333");
                q.putArray("identityPolicies").add(corpus.get(i).get("document"));
            }
        }
        Path requestsFile = npm.resolve("requests.json");
        JSON.writeValue(requestsFile.toFile(), requests);
        List<String> decisions = new ArrayList<>();
        double[] rounds = new double[6];
        for (int r = 0; r < rounds.length; r++) {
            decisions.clear();
            long t = System.nanoTime();
            for (JsonNode q : requests) {
                List<JsonNode> identity = new ArrayList<>();
                q.get("identityPolicies").forEach(identity::add);
                try {
                    decisions.add(Simulator.simulate(new SimulationInput(q.get("principal").asText(),
                            q.get("action").asText(), q.get("resource").asText(), q.get("resourceAccount").asText(),
                            Map.of(), identity, null, null, null)).decision());
                } catch (RuntimeException e) {
                    decisions.add("error: " + e.getMessage());
                }
            }
            rounds[r] = (System.nanoTime() - t) / 1e6;
        }
        double oursMs = median(Arrays.stream(rounds).skip(2).boxed().toList());
        JsonNode peer = JSON.readTree(output(List.of("node", "simulate.mjs", requestsFile.toString(), "3"), npm));
        List<Double> peerRounds = new ArrayList<>();
        peer.get("roundsMs").forEach(n -> peerRounds.add(n.asDouble()));
        double theirsMs = median(peerRounds.subList(1, peerRounds.size()));
        int n = requests.size();
        System.out.printf("simulator, %d requests (every %dth managed policy x %d actions, resource *, no context):"
                + " ours %.0f decisions/s (warm median %.1f ms), iam-simulate %.0f decisions/s (warm median %.1f ms,"
                + " first %.0f ms), ratio %.1fx%n", n, POLICY_STRIDE, ACTIONS.size(), n / oursMs * 1000, oursMs,
                n / theirsMs * 1000, theirsMs, peerRounds.get(0), theirsMs == 0 ? 0 : theirsMs / oursMs);
        Map<String, Integer> disagreements = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        int agree = 0;
        for (int i = 0; i < n; i++) {
            String o = decisions.get(i);
            String t = peer.get("decisions").get(i).asText();
            if (o.equals(t)) {
                agree++;
                continue;
            }
            String key = (o.startsWith("error") ? "error" : o) + " vs " + (t.startsWith("error") ? "error" : t);
            disagreements.merge(key, 1, Integer::sum);
            if (examples.size() < 25) {
                examples.add(requests.get(i).get("policy").asText() + " " + requests.get(i).get("action").asText()
                        + ": ours " + o + ", iam-simulate " + t);
            }
        }
        System.out.printf("agreement: %d of %d (%.1f%%); disagreements (ours vs iam-simulate): %s%n", agree, n,
                100.0 * agree / n, disagreements);
        examples.forEach(e -> System.out.println("  " + e));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double wall(List<String> command, Path dir) throws Exception {
        long t = System.nanoTime();
        output(command, dir);
        return (System.nanoTime() - t) / 1e6;
    }

    private static String output(List<String> command, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("POSTURE_AUDIT_CLASSPATH", installedClassPath());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("expected exit 0 from " + command.get(0) + " " + command.get(
                    command.size() > 4 ? 4 : 1) + ", found " + code);
        }
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    // What the installed command's class path holds (src/main/dist/analyse-policies.sh): our classes and Jackson.
    private static String installedClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (entry.endsWith("target/classes") || file.matches("jackson-(core|databind|annotations)-[0-9.]+\\.jar")) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    private static double warmMedian(JsonNode roundsMs) {
        List<Double> all = new ArrayList<>();
        roundsMs.forEach(n -> all.add(n.asDouble()));
        return median(all.subList(Math.min(3, all.size() - 1), all.size()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
