package com.careplace.workbench.audit;

/**
 * The result of verifying the chain.
 *
 * @param entries    how many entries were checked
 * @param brokenAt   the first entry whose link does not hold; 0 when the chain is intact
 * @param reason     why it is broken; empty when intact
 */
public record ChainCheck(long entries, long brokenAt, String reason) {

    public boolean intact() {
        return brokenAt == 0;
    }
}
