package io.postureaudit.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds {@code rule.yaml} files: the catalogue packed in the jar under {@code rules/}, and folders on disk. */
final class RuleSources {

    /** One rule file's text and where it came from. */
    record RuleFile(String source, String folder, String text) {
    }

    private RuleSources() {
    }

    /** Rules packed with the application (the project's {@code rules/} folder). */
    static List<RuleFile> builtIn() {
        try {
            return ClasspathFolders.read("rules", root -> walk(root, "classpath:rules"));
        } catch (URISyntaxException | IOException e) {
            throw new RuleLoadException("classpath:rules", 1, "built-in rules cannot be listed: " + e.getMessage());
        }
    }

    /** The compliance mappings packed with the application ({@code rules/compliance/*.yaml}), by file name. */
    static List<RuleFile> compliance() {
        try {
            return ClasspathFolders.read("rules/compliance", RuleSources::yamlFiles);
        } catch (URISyntaxException | IOException e) {
            throw new RuleLoadException("classpath:rules/compliance", 1, "compliance mappings cannot be listed: "
                    + e.getMessage());
        }
    }

    private static List<RuleFile> yamlFiles(Path folder) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String name = path.getFileName().toString();
                files.add(new RuleFile("classpath:rules/compliance/" + name, name.substring(0, name.length() - 5),
                        Files.readString(path, StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    /** Rules in a folder on disk, e.g. one named by {@code posture.rules.paths}. */
    static List<RuleFile> folder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new RuleLoadException(root.toString(), 1, "expected a folder of rules (posture.rules.paths), "
                    + (Files.exists(root) ? "found a file" : "found nothing there"));
        }
        try {
            return walk(root, root.toString());
        } catch (IOException e) {
            throw new RuleLoadException(root.toString(), 1, "cannot be read: " + e.getMessage());
        }
    }

    private static List<RuleFile> walk(Path root, String label) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("rule.yaml"))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                try {
                    files.add(new RuleFile(label + "/" + relative, path.getParent().getFileName().toString(),
                            Files.readString(path, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + path, e);
                }
            }
        }
        return files;
    }
}
