package io.postureaudit.collect;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A call that an offline source (an import bundle) could not answer: the output is not in the bundle, or does not
 * fit the call's shape. Its message is the whole gap text, e.g. {@code NotInBundle: the import has no
 * "kms:ListKeys@ap-northeast-1"}, so that it reads the same wherever a collector records it.
 */
public final class OfflineCallException extends SdkClientException {

    private OfflineCallException(Builder builder) {
        super(builder);
    }

    public static OfflineCallException of(String message) {
        return new OfflineCallException(SdkClientException.builder().message(message).writableStackTrace(false));
    }
}
