package io.postureaudit.report;

/**
 * One action item as an admin edits it; {@code id} names an existing item of the same report (keeping where it
 * came from), null adds one.
 */
public record ActionItemInput(Long id, String text, String owner, String status) {
}
