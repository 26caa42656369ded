package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prowler coverage page in docs/rules.md stays in step with {@code rules/}: every built-in rule (drift rules
 * aside, which compare scans and have no peer check) appears in it, and every rule id it names is loaded.
 */
class RulesCoverageDocTest {

    private static final Path DOC = Path.of("docs/rules.md");
    private static final String SECTION = "## Coverage compared with Prowler";
    private static final Pattern RULE_ID = Pattern.compile("`([a-z][a-z0-9]*_[a-z0-9_]+)`");

    private static String coverageSection() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(SECTION);
        assertTrue(start >= 0, DOC + ": expected a section '" + SECTION + "'");
        int next = doc.indexOf("\n## ", start + SECTION.length());
        return next < 0 ? doc.substring(start) : doc.substring(start, next);
    }

    /** Rule ids named in the tables' cells, skipping the first column of the Prowler tables (Prowler's own ids). */
    private static Set<String> namedRuleIds(String section) {
        Set<String> ids = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("|---")) {
                continue;
            }
            Matcher m = RULE_ID.matcher(line);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void shouldNameOnlyLoadedRulesWhenCoverageTableIsRead() throws IOException {
        Set<String> loaded = new TreeSet<>(RuleCatalogueTest.catalogue().stream().map(CompiledRule::id).toList());
        Set<String> unknown = new TreeSet<>(namedRuleIds(coverageSection()));
        unknown.removeAll(loaded);
        assertEquals(Set.of(), unknown, DOC + ": the coverage tables name rules that rules/ does not have;"
                + " rename or remove them in the table");
    }

    @Test
    void shouldListEveryBuiltInRuleWhenCoverageTableIsRead() throws IOException {
        Set<String> named = namedRuleIds(coverageSection());
        List<String> missing = RuleCatalogueTest.catalogue().stream().map(CompiledRule::id)
                .filter(id -> !id.startsWith("drift_")).filter(id -> !named.contains(id)).sorted().toList();
        assertEquals(List.of(), missing, DOC + ": rules missing from the Prowler coverage tables; add each to the row"
                + " of the Prowler check it covers, or to 'Our rules with no Prowler equivalent'");
    }

    @Test
    void shouldGiveAReasonWhenAProwlerCheckIsNotCovered() throws IOException {
        for (String line : coverageSection().split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length >= 4 && cells[2].trim().equals("—")) {
                assertTrue(cells[3].trim().startsWith("not covered"), DOC + ": a check without a rule needs"
                        + " 'not covered: <reason>', found: " + line);
            }
        }
    }
}
