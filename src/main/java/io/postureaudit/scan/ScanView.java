package io.postureaudit.scan;

import java.time.Instant;
import java.util.List;

/** A scan as the API shows it (contract: id, status, startedAt, finishedAt, accounts, gaps). */
public record ScanView(long id, String status, String trigger, boolean sample, Instant startedAt, Instant finishedAt,
        String error, List<AccountView> accounts, List<GapView> gaps, List<CoverageView> coverage) {

    /**
     * One account's result in the scan.
     *
     * @param foreignAccounts other account id → resources whose ARN names it (imported data of another account)
     */
    public record AccountView(String accountId, String name, String status, int resources,
            java.util.Map<String, Integer> foreignAccounts) {
    }

    /** Something the scan could not read. */
    public record GapView(String accountId, String region, String service, String operation, String error,
            String resourceArn) {
    }

    /** One scope the scan attempted. */
    public record CoverageView(String accountId, String region, String service, boolean complete, int resources) {
    }
}
