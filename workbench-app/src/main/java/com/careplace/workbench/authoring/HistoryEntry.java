package com.careplace.workbench.authoring;

import java.time.Instant;

/**
 * One saved version of an asset.
 *
 * @param path            the asset
 * @param changeRequestId the change request it was saved in; {@code null} for mainline versions
 * @param author          who saved it
 * @param reason          why
 * @param savedAt         when
 * @param text            the content
 */
public record HistoryEntry(String path, String changeRequestId, String author, String reason, Instant savedAt, String text) {
}
