package io.postureaudit.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One policy document found in an input file, named the way {@code GET /api/policies} names it.
 *
 * @param arn        the policy's ARN; for an inline policy (AWS gives it none) its holder's ARN; for a bare document the
 *                   file it came from
 * @param kind       {@code managed} or {@code inline}
 * @param attachedTo ARNs of the users, groups and roles of the same file that attach it (an inline policy: its holder)
 * @param document   the document as the file holds it (a JSON object, or URL-encoded text as IAM's API returns it), or
 *                   null when {@code error} says why there is none
 */
record PolicyInput(String arn, String name, String kind, List<String> attachedTo, JsonNode document, String error) {

    static final String MANAGED = "managed";
    static final String INLINE = "inline";

    PolicyInput {
        attachedTo = List.copyOf(attachedTo);
    }
}
