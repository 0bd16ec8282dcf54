package com.careplace.workbench.authoring;

/**
 * An asset a change request changes: mainline's text beside the change request's latest revision.
 *
 * @param path     the asset
 * @param mainline what mainline holds now ({@code ""} for an asset mainline does not have)
 * @param proposed the change request's revision of it
 */
public record AssetChange(String path, String mainline, AssetRevision proposed) {
}
