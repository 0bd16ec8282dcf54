package com.careplace.workbench.authoring;

import java.time.Instant;

/**
 * An asset's content as a change request (or mainline) holds it now.
 *
 * @param path     the asset
 * @param text     its content
 * @param revision increases with every save; an edit names the revision it was based on
 * @param savedBy  who saved this content
 * @param savedAt  when
 */
public record AssetRevision(String path, String text, int revision, String savedBy, Instant savedAt) {
}
