package io.postureaudit.collect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What one collector run for one account and region reads with, and where its results go. Thread-safe. */
public final class CollectionContext {

    private final AccountTarget account;
    private final String region;
    private final String service;
    private final AwsClients aws;
    private final List<CollectedResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<Gap> gaps = Collections.synchronizedList(new ArrayList<>());

    public CollectionContext(AccountTarget account, String region, String service, AwsClients aws) {
        this.account = account;
        this.region = region;
        this.service = service;
        this.aws = aws;
    }

    public AccountTarget account() {
        return account;
    }

    public String accountId() {
        return account.id();
    }

    public String region() {
        return region;
    }

    public String service() {
        return service;
    }

    /** Live SDK clients, or clients answering from an import bundle. */
    public AwsClients aws() {
        return aws;
    }

    public void add(CollectedResource resource) {
        resources.add(resource);
    }

    /** Records that {@code operation} failed for the whole scope. */
    public void gap(String operation, Throwable error) {
        gap(operation, AwsErrors.describe(error), null);
    }

    /** Records that {@code operation} failed, for one resource when {@code resourceArn} is set. */
    public void gap(String operation, String error, String resourceArn) {
        gaps.add(new Gap(account.id(), region, service, operation, error, resourceArn));
    }

    public List<CollectedResource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    public List<Gap> gaps() {
        synchronized (gaps) {
            return List.copyOf(gaps);
        }
    }
}
