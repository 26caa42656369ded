package io.postureaudit.collect.terraform;

import java.util.Map;

/**
 * One managed resource instance of a Terraform state, sensitive attributes already removed.
 *
 * @param location   where the state was read from (a path or {@code s3://bucket/key})
 * @param address    the instance's full address, e.g. {@code module.iam.aws_iam_role.deploy["ci"]}
 * @param provider   the provider configuration address, e.g. {@code provider["registry.terraform.io/hashicorp/aws"].tokyo}
 * @param attributes the instance's attributes as Terraform recorded them
 */
public record StateInstance(String location, String address, String type, String provider,
        Map<String, Object> attributes) {

    /** A string attribute, or null when absent, null or empty. */
    public String text(String name) {
        Object value = attributes.get(name);
        return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
    }
}
