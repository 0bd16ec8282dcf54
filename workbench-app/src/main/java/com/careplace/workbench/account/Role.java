package com.careplace.workbench.account;

/** What a workbench user may do. A user holds any combination. */
public enum Role {
    /** Clinical directors: open change requests, edit rules and suites, compile, validate, submit. */
    AUTHOR("Author", "edits rules in change requests and submits them"),
    /** Compliance staff: review submitted change requests, approve (building a release) or reject. */
    REVIEWER("Reviewer", "approves or rejects submitted change requests"),
    /** Deploys releases to the decision service and rolls back: a permission of its own. */
    DEPLOYER("Deployer", "deploys releases and rolls back"),
    /** Users, roles and the API keys of calling systems; reads the audit trail. */
    ADMIN("Administrator", "manages users and API keys");

    private final String label;
    private final String description;

    Role(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The Spring Security authority, {@code ROLE_AUTHOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
