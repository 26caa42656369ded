package io.postureaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.rules.CelEnvironment;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleDefinition;
import io.postureaudit.rules.RuleLoader;
import io.postureaudit.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The study notes beside the rules are complete: every rule that can become a study topic (it has a note) explains
 * its concept and why it matters in English and Japanese, links AWS documentation, and has the CLI and Terraform
 * fix the topic shows; every critical and high rule (the likeliest topics) has a note.
 */
class StudyCatalogueTest {

    static Map<String, RuleDefinition> rules() throws IOException {
        RuleLoader loader = new RuleLoader(new CelEnvironment());
        Map<String, RuleDefinition> rules = new HashMap<>();
        try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
            for (Path file : paths.filter(p -> p.getFileName().toString().equals("rule.yaml")).toList()) {
                CompiledRule rule = loader.load(file.toString(), file.getParent().getFileName().toString(),
                        Files.readString(file));
                rules.put(rule.id(), rule.definition());
            }
        }
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> shouldExplainFixAndLinkDocsWhenRuleHasStudyNotes() throws IOException {
        Map<String, RuleDefinition> rules = rules();
        List<StudyCatalog.StudyNote> notes = StudyCatalog.builtIn();
        assertFalse(notes.isEmpty(), "no study.yaml found under rules/");
        return notes.stream().map(note -> DynamicTest.dynamicTest(note.ruleId(), () -> {
            RuleDefinition rule = rules.get(note.ruleId());
            assertTrue(rule != null, note.source() + ": expected a rule.yaml beside it, found none");
            for (String language : StudyCatalog.LANGUAGES) {
                assertTrue(note.concept(language).length() >= 40, note.source() + ": concept." + language
                        + " is too short to explain anything");
                assertTrue(note.why(language).length() >= 40, note.source() + ": why." + language + " is too short");
            }
            assertTrue(note.concept("ja").codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x30ff),
                    note.source() + ": concept.ja is not written in Japanese");
            for (String link : note.docs()) {
                assertTrue(link.startsWith("https://docs.aws.amazon.com/"), note.source()
                        + ": expected links to the AWS documentation, found " + link);
            }
            for (String kind : List.of("cli", "terraform")) {
                assertFalse(rule.remediation().getOrDefault(kind, "").isBlank(), rule.source()
                        + ": a study topic shows remediation." + kind + ", found none");
            }
        }));
    }

    @Test
    void shouldHaveStudyNotesForEveryCriticalAndHighRule() throws IOException {
        Map<String, StudyCatalog.StudyNote> notes = new HashMap<>();
        StudyCatalog.builtIn().forEach(n -> notes.put(n.ruleId(), n));
        List<String> missing = rules().values().stream()
                .filter(r -> r.severity() == Severity.CRITICAL || r.severity() == Severity.HIGH)
                .map(RuleDefinition::id).filter(id -> !notes.containsKey(id)).sorted().toList();
        assertEquals(List.of(), missing, "critical and high rules without rules/<service>/<id>/study.yaml");
    }

    @Test
    void shouldNameTheFieldWhenAStudyNoteIsIncomplete() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> StudyCatalog.parse("x", "rules/iam/x/study.yaml", "study:\n  concept:\n    en: text\n"
                        + "  why: {en: a, ja: b}\n  docs: [\"https://docs.aws.amazon.com/\"]\n"));
        assertEquals("rules/iam/x/study.yaml: study.concept.ja: expected a non-empty text, found none", e.getMessage());
    }
}
