/**
 * What every feature shares: text diffs and the UI frame (layout, source editor, background work,
 * notifications). Open on purpose: features use its sub-packages directly.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.careplace.workbench.base;

import org.springframework.modulith.ApplicationModule;
