package io.postureaudit.terraform;

/**
 * One attribute where the live resource differs from what Terraform recorded.
 *
 * @param path     JSON pointer into the live resource's {@code data}, e.g. {@code /inlinePolicies/deploy}
 * @param address  the state instance that describes this attribute
 * @param state    the value in state (null: state has no such part)
 * @param live     the live value (null: the live resource lacks it)
 * @param security whether the attribute bears on access or detection (rules judge only those)
 */
public record FieldDiff(String path, String address, Object state, Object live, boolean security) {
}
