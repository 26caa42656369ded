package io.postureaudit.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a folder packed with the application (such as {@code rules/}), whether it lies in the jar or on disk. */
public final class ClasspathFolders {

    /** What to read from the folder once it is reachable as a {@link Path}. */
    @FunctionalInterface
    public interface Reader<T> {
        List<T> read(Path folder) throws IOException;
    }

    private ClasspathFolders() {
    }

    /** The reader's result for {@code resource} (e.g. {@code "rules/compliance"}); empty when it is not packed. */
    public static <T> List<T> read(String resource, Reader<T> reader) throws IOException, URISyntaxException {
        URL url = ClasspathFolders.class.getClassLoader().getResource(resource);
        if (url == null) {
            return List.of();
        }
        URI uri = url.toURI();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return reader.read(jar.getPath(resource));
            }
        }
        return reader.read(Path.of(uri));
    }
}
