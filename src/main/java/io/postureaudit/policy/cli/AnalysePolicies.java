package io.postureaudit.policy.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.postureaudit.policy.PolicyAnalysis;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.Evidence;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.risk.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code analyse-policies FILE…}: the least-privilege analysis of every policy document in the files, one JSON line
 * per policy on standard output, shaped like an entry of {@code GET /api/policies}:
 * {@code {"arn","name","kind","attachedTo","leastPrivilegeScore","risks":[{"category","detail","evidence"}],"error"}}.
 * A document that cannot be read is not judged: its score is null, {@code risks} empty and {@code error} says why.
 * A one-line summary goes to standard error. Exit status: 0 when every document was judged, 1 when some could not
 * be read, 2 when an input file is unusable (it is named on standard error; the other files are still judged).
 *
 * <p>It needs neither the service nor its database, only this jar and Jackson; {@code analyse-policies.sh} starts it
 * (see the README).
 */
public final class AnalysePolicies {

    static final int OK = 0;
    static final int NOT_JUDGED = 1;
    static final int UNUSABLE = 2;
    private static final String USAGE = "usage: analyse-policies FILE... (a file may be - for standard input)";

    private AnalysePolicies() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    static int run(List<String> args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            stderr.println(USAGE);
            return args.isEmpty() ? UNUSABLE : OK;
        }
        // The catalogue loads on a second core while the inputs are read: neither needs the other.
        Thread catalogue = new Thread(ActionCatalog::standard, "action-catalogue");
        catalogue.setDaemon(true);
        catalogue.setUncaughtExceptionHandler((t, e) -> { });    // the analysis below loads it again and says why
        catalogue.start();
        // An unusable file is reported and skipped; the others are still judged.
        List<PolicyInput> inputs = new ArrayList<>();
        int unusable = 0;
        for (String file : args) {
            try {
                if (file.startsWith("-") && !"-".equals(file)) {
                    throw new PolicyInputs.InputException("expected a file name, found option " + file + "; " + USAGE);
                }
                inputs.addAll("-".equals(file) ? PolicyInputs.read("(standard input)", stdin) : readFile(file));
            } catch (PolicyInputs.InputException e) {
                stderr.println("analyse-policies: " + e.getMessage());
                unusable++;
            }
        }
        PolicyDocumentAnalyzer analyzer;
        try {
            analyzer = new PolicyDocumentAnalyzer(ActionCatalog.standard(), Clock.systemUTC());
        } catch (RuntimeException e) {
            stderr.println("analyse-policies: expected the action catalogue packed into the jar, found it unreadable ("
                    + e.getMessage() + ")");
            return UNUSABLE;
        }
        int notJudged = 0;
        int risks = 0;
        int risky = 0;
        try (JsonGenerator out = new JsonFactory().createGenerator(stdout, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            out.setRootValueSeparator(null);
            for (PolicyInput input : inputs) {
                PolicyAnalysis analysis = null;
                String error = input.error();
                if (error == null) {
                    try {
                        String name = PolicyInput.INLINE.equals(input.kind()) ? input.arn() + "/" + input.name()
                                : input.arn();
                        analysis = analyzer.analyze(name, PolicyParser.parse(input.document()));
                    } catch (PolicyParseException e) {
                        error = e.getMessage();
                    }
                }
                if (analysis == null) {
                    notJudged++;
                } else if (!analysis.risks().isEmpty()) {
                    risky++;
                    risks += analysis.risks().size();
                }
                write(out, input, analysis, error);
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            stderr.println("analyse-policies: could not write the results (" + e.getMessage() + ")");
            return UNUSABLE;
        }
        stderr.printf("analyse-policies: %d policy documents: %d judged, %d with risks (%d risks), %d not judged"
                + " (a document that could not be read)%s%n", inputs.size(), inputs.size() - notJudged, risky, risks,
                notJudged, unusable == 0 ? "" : "; " + unusable + " of " + args.size() + " files unusable");
        return unusable > 0 ? UNUSABLE : notJudged == 0 ? OK : NOT_JUDGED;
    }

    private static List<PolicyInput> readFile(String file) throws PolicyInputs.InputException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return PolicyInputs.read(file, in);
        } catch (NoSuchFileException e) {
            throw new PolicyInputs.InputException(file + ": expected a readable file, found none");
        } catch (IOException e) {
            throw new PolicyInputs.InputException(file + ": could not be read (" + e.getMessage() + ")");
        }
    }

    private static void write(JsonGenerator out, PolicyInput input, PolicyAnalysis analysis, String error)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("arn", input.arn());
        out.writeStringField("name", input.name());
        out.writeStringField("kind", input.kind());
        out.writeArrayFieldStart("attachedTo");
        for (String holder : input.attachedTo()) {
            out.writeString(holder);
        }
        out.writeEndArray();
        if (analysis == null) {
            out.writeNullField("leastPrivilegeScore");
        } else {
            out.writeNumberField("leastPrivilegeScore", analysis.leastPrivilegeScore());
        }
        out.writeArrayFieldStart("risks");
        for (Risk risk : analysis == null ? List.<Risk>of() : analysis.risks()) {
            out.writeStartObject();
            out.writeStringField("category", risk.category().id());
            out.writeStringField("detail", risk.detail());
            out.writeArrayFieldStart("evidence");
            for (Evidence e : risk.evidence()) {
                out.writeStartObject();
                out.writeStringField("policy", e.policy());
                out.writeStringField("statement", e.statement());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("error", error);
        out.writeEndObject();
    }
}
