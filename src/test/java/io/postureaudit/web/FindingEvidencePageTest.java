package io.postureaudit.web;

import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.Api;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The finding page shows the whole granting policy with the responsible statement marked: kenta is an admin
 * through his group's customer managed policy, whose statement "Everything" grants {@code *} on {@code *}.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class FindingEvidencePageTest {

    @Test
    void shouldShowWholeGrantingPolicyWithResponsibleStatementMarked() {
        Estates.plantDev(TestEnvironment.iam(), TestEnvironment.DEV);
        Api.scan();
        String arn = "arn:aws:iam::" + TestEnvironment.DEV + ":user/kenta";
        long id = viewer().queryParam("account", TestEnvironment.DEV).queryParam("resourceType", "iam.user")
                .queryParam("size", 500).get("/api/findings").then().statusCode(200).extract().jsonPath()
                .getLong("items.find { it.resourceArn == '" + arn + "' }.id");
        String page = viewer().get("/findings/" + id).then().statusCode(200).extract().asString();
        Matcher doc = Pattern.compile("group:developers/ops-everything</span> · <mark class=\"hl\">Everything</mark>"
                + "\\s*<details open><summary>[^<]*</summary><pre class=\"policy\">(.*?)</pre>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(doc.find(), page);
        String whole = doc.group(1);
        assertTrue(whole.contains("&quot;Version&quot; : &quot;2012-10-17&quot;"), "the whole document: " + whole);
        Matcher marked = Pattern.compile("<mark class=\"hl responsible\">(.*?)</mark>", Pattern.DOTALL).matcher(whole);
        assertTrue(marked.find(), whole);
        assertTrue(marked.group(1).contains("&quot;Sid&quot; : &quot;Everything&quot;")
                && marked.group(1).contains("&quot;Action&quot; : [ &quot;*&quot; ]"), marked.group(1));
        assertFalse(marked.find(), "exactly one statement is marked in this document");
    }
}
