package com.careplace.workbench.authoring;

/**
 * An asset a change request changes: mainline's text beside the change request's latest revision.
 *
 * @param path     the asset
 * @param mainline what mainline holds now ({@code ""} for an asset mainline does not have)
 * @param proposed the change request's revision of it (for a deletion: who deleted it, and an empty text)
 * @param kind     whether the change request creates, changes or deletes it
 */
public record AssetChange(String path, String mainline, AssetRevision proposed, Kind kind) {

    /** What the change request does to the asset. */
    public enum Kind { CREATED, CHANGED, DELETED }
}
