package io.postureaudit.collect;

/**
 * Something a scan could not read. A scope with a gap is never reported clean: findings in it stay as they were.
 *
 * @param resourceArn set when only one resource is affected (e.g. its policy document was malformed)
 */
public record Gap(String accountId, String region, String service, String operation, String error,
        String resourceArn) {

    public Gap(String accountId, String region, String service, String operation, String error) {
        this(accountId, region, service, operation, error, null);
    }
}
