package io.postureaudit.collect.waf;

import java.util.List;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * What was read about one web ACL. {@code logging} null with {@code loggingRead} true means logging is off;
 * {@code associatedResources} null means they could not be read (or do not apply, for CLOUDFRONT).
 */
public record WebAclFacts(String scope, WebACL webAcl, LoggingConfiguration logging, boolean loggingRead,
        List<String> associatedResources) {
}
