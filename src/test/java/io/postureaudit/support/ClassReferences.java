package io.postureaudit.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The types each compiled class refers to, read from its constant pool (class entries, and the descriptors and
 * generic signatures of fields, methods, annotations and lambdas), so that a fully qualified name written inline
 * counts as much as an import. String constants are left out: a literal naming a type is not a use of it.
 */
public final class ClassReferences {

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[A-Za-z_$][\\w$]*)+)[;<]");

    private ClassReferences() {
    }

    /** Every class under {@code root} (a classes directory), by binary name, with the binary names it refers to. */
    public static Map<String, Set<String>> under(Path root) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                try (InputStream in = Files.newInputStream(file)) {
                    out.put(name, read(in, file.toString()));
                }
            }
        }
        return out;
    }

    static Set<String> read(InputStream stream, String where) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(where + ": expected a class file (0xCAFEBABE), found other bytes");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        Set<Integer> stringConstants = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8 -> stringConstants.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException(where + ": expected a constant pool tag, found " + tag + " at entry " + i);
            }
        }
        Set<String> types = new TreeSet<>();
        for (int index : classNames) {
            String name = utf8[index];
            if (name.startsWith("[")) {
                descriptorTypes(name, types);
            } else {
                types.add(name.replace('/', '.'));
            }
        }
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !stringConstants.contains(i) && !classNames.contains(i)) {
                descriptorTypes(utf8[i], types);
            }
        }
        return types;
    }

    private static void descriptorTypes(String text, Set<String> into) {
        Matcher m = DESCRIPTOR_TYPE.matcher(text);
        while (m.find()) {
            into.add(m.group(1).replace('/', '.'));
        }
    }
}
