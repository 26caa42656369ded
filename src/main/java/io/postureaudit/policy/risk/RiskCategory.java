package io.postureaudit.policy.risk;

import com.fasterxml.jackson.annotation.JsonValue;

/** The risk categories of the contract's {@code GET /api/principals}; the ids are binding. */
public enum RiskCategory {
    ADMIN("admin"),
    PRIVILEGE_ESCALATION("privilege-escalation"),
    DATA_EXFILTRATION("data-exfiltration"),
    RESOURCE_EXPOSURE("resource-exposure"),
    CREDENTIALS_EXPOSURE("credentials-exposure"),
    INFRASTRUCTURE_MODIFICATION("infrastructure-modification"),
    PUBLIC_TRUST("public-trust"),
    CROSS_ACCOUNT_TRUST("cross-account-trust"),
    UNUSED_ACCESS("unused-access");

    private final String id;

    RiskCategory(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
