package io.tanpopo.store.maildir;

import io.tanpopo.store.OpenResult;

/**
 * Carries an expected {@link OpenResult} (a refusal) out of the steps of {@link MaildirStore#open}.
 * Never leaves this package: {@code open} turns it back into its result.
 */
final class OpenRefusal extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient OpenResult result;

    OpenRefusal(OpenResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    static OpenRefusal failed(String reason) {
        return new OpenRefusal(new OpenResult.Failed(reason), reason);
    }

    static OpenRefusal unavailable(String reason) {
        return new OpenRefusal(new OpenResult.Unavailable(reason), reason);
    }

    OpenResult result() {
        return result;
    }
}
