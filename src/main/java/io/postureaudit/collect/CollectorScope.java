package io.postureaudit.collect;

/** Whether a collector runs once per account (IAM) or once per scanned region. */
public enum CollectorScope {
    GLOBAL,
    REGIONAL
}
