package io.postureaudit.policy.catalog;

/** The access level AWS assigns each action in the Service Authorization Reference. */
public enum AccessLevel {
    LIST("List", 'L'), READ("Read", 'R'), WRITE("Write", 'W'),
    PERMISSIONS_MANAGEMENT("Permissions management", 'P'), TAGGING("Tagging", 'T');

    private final String label;
    private final char code;

    AccessLevel(String label, char code) {
        this.label = label;
        this.code = code;
    }

    public String label() {
        return label;
    }

    static AccessLevel ofCode(String code) {
        for (AccessLevel level : values()) {
            if (code.length() == 1 && level.code == code.charAt(0)) {
                return level;
            }
        }
        throw new IllegalArgumentException("expected an access level code in LRWPT, found \"" + code + "\"");
    }
}
