package io.postureaudit.notify;

import java.util.Optional;

/**
 * Supplies the file an outbox message of another package delivers (a report's PDF): the outbox keeps only the
 * reference, the owner of the file keeps the bytes.
 */
public interface OutboxAttachments {

    /** A file to upload with a message. */
    record Attachment(String fileName, String title, byte[] content) {
    }

    /** The message kind this source answers for, e.g. {@code report}. */
    String kind();

    /**
     * @throws MissingAttachmentException when the file the message names no longer exists
     */
    Attachment attachment(OutboxMessage message);

    /** The file a message names is gone (its report was deleted): trying again cannot help. */
    class MissingAttachmentException extends RuntimeException {
        public MissingAttachmentException(String message) {
            super(message);
        }
    }

    static Optional<OutboxAttachments> forKind(Iterable<OutboxAttachments> sources, String kind) {
        for (OutboxAttachments source : sources) {
            if (source.kind().equals(kind)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
