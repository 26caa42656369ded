package io.postureaudit.web;

/** The two roles of the contract: viewers read, admins change. */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
